using BenchmarkDotNet.Attributes;
using Symroute.Simulation.Fib;

namespace Symroute.Benchmarks;

/// <summary>
/// Longest-prefix lookups on the full Internet table, one lookup per operation (the reported
/// time per operation is the time per lookup; lookups/s = 1e9 / ns). "Uniform" draws
/// destinations from the whole address space (for IPv6 almost all miss in the first array);
/// "InTable" draws a random prefix of the table and random host bits inside it.
/// </summary>
[ShortRunJob]
public class LpmBenchmarks
{
    private const int Queries = 1 << 20;

    private Ipv4Lpm _v4 = null!;
    private Ipv6Lpm _v6 = null!;
    private uint[] _v4Uniform = null!;
    private uint[] _v4InTable = null!;
    private UInt128[] _v6Uniform = null!;
    private UInt128[] _v6InTable = null!;

    [GlobalSetup]
    public void Setup()
    {
        var t = FullTable.Load();
        _v4 = Ipv4Lpm.Build(t.V4Addresses, t.V4Lengths);
        _v6 = Ipv6Lpm.Build(t.V6Addresses, t.V6Lengths);
        _v4Uniform = FullTable.RandomV4(Queries, 1);
        _v4InTable = t.RandomV4InTable(Queries, 2);
        _v6Uniform = FullTable.RandomV6(Queries, 3);
        _v6InTable = t.RandomV6InTable(Queries, 4);
        Console.WriteLine($"// IPv4 structure: {_v4.Count} prefixes, {_v4.SizeInBytes} bytes = {(double)_v4.SizeInBytes / _v4.Count:F1} bytes/prefix");
        Console.WriteLine($"// IPv6 structure: {_v6.Count} prefixes, {_v6.SizeInBytes} bytes = {(double)_v6.SizeInBytes / _v6.Count:F1} bytes/prefix");
    }

    [Benchmark(OperationsPerInvoke = Queries)]
    public long Ipv4Uniform() => Run(_v4, _v4Uniform);

    [Benchmark(OperationsPerInvoke = Queries)]
    public long Ipv4InTable() => Run(_v4, _v4InTable);

    [Benchmark(OperationsPerInvoke = Queries)]
    public long Ipv6Uniform() => Run(_v6, _v6Uniform);

    [Benchmark(OperationsPerInvoke = Queries)]
    public long Ipv6InTable() => Run(_v6, _v6InTable);

    /// <summary>Through the public API with backtracking support, as the simulator calls it.</summary>
    [Benchmark(OperationsPerInvoke = Queries)]
    public long Ipv4UniformTryMatch()
    {
        long sum = 0;
        foreach (uint a in _v4Uniform)
            if (_v4.TryMatch(a, 32, out int id))
                sum += id;
        return sum;
    }

    private static long Run(Ipv4Lpm lpm, uint[] queries)
    {
        long sum = 0;
        foreach (uint a in queries)
            sum += lpm.Find(a);
        return sum;
    }

    private static long Run(Ipv6Lpm lpm, UInt128[] queries)
    {
        long sum = 0;
        foreach (UInt128 a in queries)
            sum += lpm.Find((ulong)(a >> 64), (ulong)a);
        return sum;
    }
}
