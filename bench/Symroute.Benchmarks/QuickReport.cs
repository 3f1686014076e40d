using System.Diagnostics;
using Symroute.Simulation.Fib;

namespace Symroute.Benchmarks;

/// <summary>
/// `dotnet run -c Release -- quick`: a fast Stopwatch report (build time, bytes per prefix,
/// lookups per second) for iterating; the BenchmarkDotNet classes give the recorded figures.
/// </summary>
public static class QuickReport
{
    public static void Run()
    {
        var t = FullTable.Load();
        Console.WriteLine($"full table: {t.V4Addresses.Length} IPv4, {t.V6Addresses.Length} IPv6 prefixes");

        long before = GC.GetAllocatedBytesForCurrentThread();
        var sw = Stopwatch.StartNew();
        var v4 = Ipv4Lpm.Build(t.V4Addresses, t.V4Lengths);
        sw.Stop();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Console.WriteLine($"IPv4 build {sw.Elapsed.TotalMilliseconds:F0} ms, structure {v4.SizeInBytes / 1e6:F2} MB = {(double)v4.SizeInBytes / v4.Count:F1} B/prefix (allocated during build {allocated / 1e6:F1} MB)");

        before = GC.GetAllocatedBytesForCurrentThread();
        sw.Restart();
        var v6 = Ipv6Lpm.Build(t.V6Addresses, t.V6Lengths);
        sw.Stop();
        allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Console.WriteLine($"IPv6 build {sw.Elapsed.TotalMilliseconds:F0} ms, structure {v6.SizeInBytes / 1e6:F2} MB = {(double)v6.SizeInBytes / v6.Count:F1} B/prefix (allocated during build {allocated / 1e6:F1} MB)");

        const int n = 1 << 22;
        Report("IPv4 uniform random", FullTable.RandomV4(n, 1), a => v4.Find(a));
        Direct("IPv4 uniform random (direct loop)", FullTable.RandomV4(n, 1), v4);
        Direct("IPv4 inside table (direct loop)", t.RandomV4InTable(n, 2), v4);
        Report("IPv4 inside table prefixes", t.RandomV4InTable(n, 2), a => v4.Find(a));
        Report("IPv6 uniform random", FullTable.RandomV6(n, 3), a => v6.Find((ulong)(a >> 64), (ulong)a));
        Report("IPv6 inside table prefixes", t.RandomV6InTable(n, 4), a => v6.Find((ulong)(a >> 64), (ulong)a));
    }

    private static void Direct(string name, uint[] queries, Ipv4Lpm lpm)
    {
        var best = double.MaxValue;
        int sum = 0;
        for (int round = 0; round < 5; round++)
        {
            var sw = Stopwatch.StartNew();
            foreach (var q in queries)
                sum += lpm.Find(q);
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        Console.WriteLine($"{name}: {queries.Length / best / 1e6:F1} M lookups/s ({sum})");
    }

    private static void Report<TAddress>(string name, TAddress[] queries, Func<TAddress, int> find)
    {
        // Delegate call overhead is included here; the BenchmarkDotNet loops call Find directly.
        var best = double.MaxValue;
        int hits = 0;
        for (int round = 0; round < 5; round++)
        {
            var sw = Stopwatch.StartNew();
            hits = 0;
            foreach (var q in queries)
                if (find(q) >= 0) hits++;
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        Console.WriteLine($"{name}: {queries.Length / best / 1e6:F1} M lookups/s ({100.0 * hits / queries.Length:F1} % matched)");
    }
}
