using Symroute.Simulation;
using Symroute.Sources;

namespace Symroute.Benchmarks;

/// <summary><c>quick-index</c>: builds the simulator's index of the full-table host a few times (for profiling).</summary>
public static class IndexQuick
{
    public static void Run()
    {
        var state = FullTableHost.Build(FullTable.Load(), secondTable: false);
        for (int round = 0; round < 3; round++)
        {
            double t0 = ThreadClock.Seconds;
            long before = GC.GetAllocatedBytesForCurrentThread();
            var sim = new Simulator(state);
            Console.WriteLine($"index of {sim.State.Routes.Length} routes: {(ThreadClock.Seconds - t0) * 1e3:F0} ms thread CPU, allocated {(GC.GetAllocatedBytesForCurrentThread() - before) / 1e6:F0} MB");
        }
    }
}
