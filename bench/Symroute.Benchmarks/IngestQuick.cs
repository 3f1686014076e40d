using System.Collections.Immutable;
using System.Diagnostics;
using System.Runtime;
using Symroute.Model;
using Symroute.Simulation;
using Symroute.Sources;

namespace Symroute.Benchmarks;

/// <summary>
/// <c>quick-ingest [ROUTES.json…]</c>: times parsing <c>ip -json route show table all</c> dumps
/// (the files given, or one generated from the full table) and reading a snapshot of the
/// generated host. Env NOGC=BYTES runs each parse inside a no-GC region of that size.
/// </summary>
public static class IngestQuick
{
    public static void Run(string[] files)
    {
        byte[][] data;
        byte[]? snapshot = null;
        if (files.Length > 0)
            data = files.Select(File.ReadAllBytes).ToArray();
        else
        {
            var state = FullTableHost.Build(FullTable.Load(), secondTable: false);
            data = [FullTableHost.IpJsonRoutes(state)];
            snapshot = SnapshotWriter.Write(state);
            files = ["generated ip-route.json"];
        }
        for (int round = 0; round < 3; round++)
        {
            int count = 0;
            Measure("ip -json routes", () =>
            {
                var routes = ImmutableArray.CreateBuilder<Route>();
                for (int i = 0; i < data.Length; i++)
                    IpJsonSource.ParseRoutes(data[i], files[i], null, TableNames.Builtin, routes);
                count = routes.Count;
            }, data.Sum(d => d.Length), () => count);
            if (snapshot is not null)
            {
                HostState? state = null;
                Measure("snapshot", () => count = (state = SnapshotReader.Read(snapshot, "snapshot.json")).Routes.Length, snapshot.Length, () => count);
                Measure("index (new Simulator)", () => count = new Simulator(state!).State.Routes.Length, 0, () => count);
                Measure("snapshot + index", () => count = new Simulator(SnapshotReader.Read(snapshot, "snapshot.json")).State.Routes.Length, snapshot.Length, () => count);
            }
        }
    }

    private static void Measure(string what, Action parse, long bytes, Func<int> count)
    {
        GC.Collect();
        string? nogcSize = Environment.GetEnvironmentVariable("NOGC");
        bool nogc = nogcSize is not null && GC.TryStartNoGCRegion(long.Parse(nogcSize));
        int gc0 = GC.CollectionCount(0), gc1 = GC.CollectionCount(1), gc2 = GC.CollectionCount(2);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        double t0 = ThreadClock.Seconds;
        var wall = Stopwatch.StartNew();
        parse();
        double thread = ThreadClock.Seconds - t0;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpu0;
        Console.WriteLine($"{what}: {count()} routes ({bytes / 1e6:F0} MB) in {wall.Elapsed.TotalMilliseconds:F0} ms wall, " +
            $"{thread * 1e3:F0} ms thread CPU, {cpu.TotalMilliseconds:F0} ms process CPU; allocated {(GC.GetAllocatedBytesForCurrentThread() - before) / 1e6:F0} MB, " +
            $"GCs {GC.CollectionCount(0) - gc0}/{GC.CollectionCount(1) - gc1}/{GC.CollectionCount(2) - gc2}");
        if (nogc && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
            GC.EndNoGCRegion();
    }
}
