using System.Diagnostics;
using System.Numerics;
using Symroute.Simulation.Fib;

namespace Symroute.Benchmarks;

public static class Scratch
{
    public static void Run()
    {
        var t = FullTable.Load();
        var v4 = Ipv4Lpm.Build(t.V4Addresses, t.V4Lengths);
        var trie = v4.Trie;
        Console.WriteLine($"nodes {trie.Nodes.Length} leaves {trie.Leaves.Length} direct {trie.Direct.Length}");
        int dleaf = 0;
        Console.WriteLine($"direct leaf slots {dleaf}");
        var q = FullTable.RandomV4(1 << 22, 1);
        Time("D only", () => { long s = 0; var d = trie.Direct; foreach (var a in q) s += d[a >> 14]; return s; }, q.Length);
        var sorted = (uint[])q.Clone(); Array.Sort(sorted);
        Time("full, sorted queries", () => { long s = 0; foreach (var a in sorted) s += v4.Find(a); return s; }, q.Length);
        Time("full, random", () => { long s = 0; foreach (var a in q) s += v4.Find(a); return s; }, q.Length);
        var nodes = trie.Nodes; var leaves = trie.Leaves;
        Time("D+node, no branch", () => { long s = 0; var d = trie.Direct; foreach (var a in q) { uint x = d[a >> 14]; s += nodes[(int)(x & 0x3FFFF)].Base0; } return s; }, q.Length);
        Time("D+node+leaf, no branch", () => { long s = 0; var d = trie.Direct; foreach (var a in q) { uint x = d[a >> 14]; ref readonly var n = ref nodes[(int)(x & 0x3FFFF) % nodes.Length]; int v = (int)((a >> 8) & 63); s += leaves[n.Base0 + 1 + BitOperations.PopCount(n.Leafvec & (ulong.MaxValue >> (63 - v)))]; } return s; }, q.Length);
    }

    static void Time(string name, Func<long> f, int n)
    {
        double best = 1e9; long r = 0;
        for (int i = 0; i < 5; i++) { var sw = Stopwatch.StartNew(); r = f(); best = Math.Min(best, sw.Elapsed.TotalSeconds); }
        Console.WriteLine($"{name}: {n / best / 1e6:F1} M/s ({r})");
    }
}
