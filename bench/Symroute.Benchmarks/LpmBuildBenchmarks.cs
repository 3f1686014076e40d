using BenchmarkDotNet.Attributes;
using Symroute.Simulation.Fib;

namespace Symroute.Benchmarks;

/// <summary>
/// Building the lookup structures from the full table (input already in address order, as a
/// kernel dump gives it). The Allocated column is everything a build allocates, temporaries
/// included; the structure itself is printed by the setup (bytes per prefix).
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class LpmBuildBenchmarks
{
    private FullTable _t = null!;

    [GlobalSetup]
    public void Setup()
    {
        _t = FullTable.Load();
        var v4 = Ipv4Lpm.Build(_t.V4Addresses, _t.V4Lengths);
        var v6 = Ipv6Lpm.Build(_t.V6Addresses, _t.V6Lengths);
        Console.WriteLine($"// IPv4 structure: {v4.Count} prefixes, {v4.SizeInBytes} bytes = {(double)v4.SizeInBytes / v4.Count:F1} bytes/prefix");
        Console.WriteLine($"// IPv6 structure: {v6.Count} prefixes, {v6.SizeInBytes} bytes = {(double)v6.SizeInBytes / v6.Count:F1} bytes/prefix");
    }

    [Benchmark]
    public Ipv4Lpm BuildIpv4() => Ipv4Lpm.Build(_t.V4Addresses, _t.V4Lengths);

    [Benchmark]
    public Ipv6Lpm BuildIpv6() => Ipv6Lpm.Build(_t.V6Addresses, _t.V6Lengths);
}
