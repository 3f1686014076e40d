using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Symroute.Model;
using Symroute.Sources;

namespace Symroute.Benchmarks;

/// <summary>
/// Loading a full-table host (1,062,050 routes: the whole Internet table via two gateways): the
/// <c>ip -json route show table all</c> dump and a symroute snapshot, both from memory.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class IngestBenchmarks
{
    private byte[] _ipJson = null!;
    private byte[] _snapshot = null!;

    [GlobalSetup]
    public void Setup()
    {
        var state = FullTableHost.Build(FullTable.Load(), secondTable: false);
        _ipJson = FullTableHost.IpJsonRoutes(state);
        _snapshot = SnapshotWriter.Write(state);
        Console.WriteLine($"// {state.Routes.Length} routes: ip -json dump {_ipJson.Length / 1e6:F0} MB, snapshot {_snapshot.Length / 1e6:F0} MB");
    }

    [Benchmark]
    public ImmutableArray<Route> IpJsonRouteDump() => IpJsonSource.ParseRoutes(_ipJson, "ip-route.json", null, TableNames.Builtin);

    [Benchmark]
    public HostState Snapshot() => SnapshotReader.Read(_snapshot, "snapshot.json");
}
