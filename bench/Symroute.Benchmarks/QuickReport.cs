using Symroute.Simulation.Fib;

namespace Symroute.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release -- quick</c>: a fast report (build time, bytes per prefix, lookups
/// per second in thread CPU time) for iterating; the BenchmarkDotNet classes give the recorded
/// figures. Lookups are timed in rounds of <see cref="Round"/> consecutive queries (a few
/// milliseconds, shorter than a scheduler slice) over the query array, several passes, and the
/// best round is reported: on this shared 2-core machine a round of 4 million lookups (the
/// earlier method) was almost always disturbed by other work, which made figures taken a
/// minute apart differ by 2-3 times; the structure is warm in both methods.
/// </summary>
public static class QuickReport
{
    public static void Run()
    {
        var t = FullTable.Load();
        Console.WriteLine($"full table: {t.V4Addresses.Length} IPv4, {t.V6Addresses.Length} IPv6 prefixes");

        var v4 = Build("IPv4", () => Ipv4Lpm.Build(t.V4Addresses, t.V4Lengths), l => l.SizeInBytes, l => l.Count);
        var v6 = Build("IPv6", () => Ipv6Lpm.Build(t.V6Addresses, t.V6Lengths), l => l.SizeInBytes, l => l.Count);

        const int n = 1 << 22;
        Lookups("IPv4 uniform random", FullTable.RandomV4(n, 1), v4);
        Lookups("IPv4 inside table prefixes", t.RandomV4InTable(n, 2), v4);
        Lookups("IPv6 uniform random", FullTable.RandomV6(n, 3), v6);
        Lookups("IPv6 inside table prefixes", t.RandomV6InTable(n, 4), v6);
    }

    private static T Build<T>(string name, Func<T> build, Func<T, long> size, Func<T, int> count)
    {
        T result = build();
        long before = GC.GetAllocatedBytesForCurrentThread();
        double best = double.MaxValue;
        for (int round = 0; round < 3; round++)
        {
            double t0 = ThreadClock.Seconds;
            result = build();
            best = Math.Min(best, ThreadClock.Seconds - t0);
        }
        long allocated = (GC.GetAllocatedBytesForCurrentThread() - before) / 3;
        Console.WriteLine($"{name} build {best * 1e3:F0} ms, structure {size(result) / 1e6:F2} MB = {(double)size(result) / count(result):F1} B/prefix (allocated per build {allocated / 1e6:F1} MB)");
        return result;
    }

    private const int Round = 1 << 18;
    private const int Passes = 3;

    private static void Lookups(string name, uint[] queries, Ipv4Lpm lpm)
    {
        double best = double.MaxValue;
        long sum = 0;
        int hits = 0;
        for (int pass = 0; pass < Passes; pass++)
            for (int at = 0; at + Round <= queries.Length; at += Round)
            {
                double t0 = ThreadClock.Seconds;
                foreach (var q in queries.AsSpan(at, Round))
                {
                    int id = lpm.Find(q);
                    sum += id;
                    hits += ~id >>> 31;
                }
                best = Math.Min(best, ThreadClock.Seconds - t0);
            }
        Report(name, best, sum, hits, queries.Length);
    }

    private static void Lookups(string name, UInt128[] queries, Ipv6Lpm lpm)
    {
        double best = double.MaxValue;
        long sum = 0;
        int hits = 0;
        for (int pass = 0; pass < Passes; pass++)
            for (int at = 0; at + Round <= queries.Length; at += Round)
            {
                double t0 = ThreadClock.Seconds;
                foreach (var q in queries.AsSpan(at, Round))
                {
                    int id = lpm.Find((ulong)(q >> 64), (ulong)q);
                    sum += id;
                    hits += ~id >>> 31;
                }
                best = Math.Min(best, ThreadClock.Seconds - t0);
            }
        Report(name, best, sum, hits, queries.Length);
    }

    private static void Report(string name, double best, long sum, int hits, int queries) =>
        Console.WriteLine($"{name}: {Round / best / 1e6:F1} M lookups/s, best of {Passes * (queries / Round)} rounds of {Round} ({100.0 * hits / (Passes * queries):F1} % matched, checksum {sum})");
}
