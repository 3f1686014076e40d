namespace Symroute.Benchmarks;

/// <summary>
/// <c>quick-decision</c>: the <see cref="DecisionBenchmarks"/> workloads timed in thread CPU
/// (best of 5 rounds of 64 passes over the 1,024 queries; --explain: 64 passes of 64 queries), for iterating and for busy machines where
/// BenchmarkDotNet's out-of-process build times out.
/// </summary>
public static class DecisionQuick
{
    public static void Run(string[] hosts)
    {
        foreach (string host in hosts.Length > 0 ? hosts : ["Small", "FullTable"])
        {
            var b = new DecisionBenchmarks { Host = host };
            b.Setup();
            Measure(host, "output IPv4 (source selection, 8 rules)", 1024, () => b.OutputIpv4());
            Measure(host, "input IPv4 with strict rp_filter", 1024, () => b.InputIpv4WithRpFilter());
            Measure(host, "output IPv6", 1024, () => b.OutputIpv6());
            // 64 explanations a call: one a call is too few passes for the JIT to reach its final tier.
            Measure(host, "--explain, trace only", 64, () => { int n = 0; for (int i = 0; i < 64; i++) n += b.ExplainTraceOnly(); return n; });
            Measure(host, "--explain, trace and text", 64, () => { int n = 0; for (int i = 0; i < 64; i++) n += b.Explain().Length; return n; });
        }
    }

    private static void Measure(string host, string what, int perCall, Func<int> call)
    {
        if (Environment.GetEnvironmentVariable("DECISION_ONLY") is { } only && !what.Contains(only, StringComparison.Ordinal)) return;
        int passes = Environment.GetEnvironmentVariable("DECISION_PASSES") is { } p ? int.Parse(p) : 64;
        double best = double.MaxValue;
        long a0 = GC.GetAllocatedBytesForCurrentThread();
        call();
        long allocated = (GC.GetAllocatedBytesForCurrentThread() - a0) / perCall;
        // Warm up for a quarter second of wall time: on a loaded machine the JIT's background
        // thread may otherwise still be compiling the final tier while the rounds run.
        var warm = System.Diagnostics.Stopwatch.StartNew();
        while (warm.ElapsedMilliseconds < 250) call();
        for (int round = 0; round < 5; round++)
        {
            double t0 = ThreadClock.Seconds;
            for (int i = 0; i < passes; i++) call();
            best = Math.Min(best, ThreadClock.Seconds - t0);
        }
        Console.WriteLine($"{host,-9} {what}: {best / passes / perCall * 1e9:F0} ns per query, {allocated} bytes allocated per query");
    }
}
