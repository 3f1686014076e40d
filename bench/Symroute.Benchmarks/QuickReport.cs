using Symroute.Simulation.Fib;

namespace Symroute.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release -- quick</c>: a fast report (build time, bytes per prefix, lookups
/// per second, best of 5 rounds in thread CPU time) for iterating; the BenchmarkDotNet classes
/// give the recorded figures.
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

    private static void Lookups(string name, uint[] queries, Ipv4Lpm lpm)
    {
        double best = double.MaxValue;
        long sum = 0;
        int hits = 0;
        for (int round = 0; round < 5; round++)
        {
            double t0 = ThreadClock.Seconds;
            hits = 0;
            foreach (var q in queries)
            {
                int id = lpm.Find(q);
                sum += id;
                hits += ~id >>> 31;
            }
            best = Math.Min(best, ThreadClock.Seconds - t0);
        }
        Console.WriteLine($"{name}: {queries.Length / best / 1e6:F1} M lookups/s ({100.0 * hits / queries.Length:F1} % matched, checksum {sum})");
    }

    private static void Lookups(string name, UInt128[] queries, Ipv6Lpm lpm)
    {
        double best = double.MaxValue;
        long sum = 0;
        int hits = 0;
        for (int round = 0; round < 5; round++)
        {
            double t0 = ThreadClock.Seconds;
            hits = 0;
            foreach (var q in queries)
            {
                int id = lpm.Find((ulong)(q >> 64), (ulong)q);
                sum += id;
                hits += ~id >>> 31;
            }
            best = Math.Min(best, ThreadClock.Seconds - t0);
        }
        Console.WriteLine($"{name}: {queries.Length / best / 1e6:F1} M lookups/s ({100.0 * hits / queries.Length:F1} % matched, checksum {sum})");
    }
}
