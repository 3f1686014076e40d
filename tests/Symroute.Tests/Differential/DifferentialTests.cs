using System.Collections.Concurrent;
using System.Diagnostics;
using Symroute.Tests.Lab;
using Xunit;
using Xunit.Abstractions;

namespace Symroute.Tests.Differential;

/// <summary>
/// The simulator against the real kernel: random configurations built in fresh namespaces,
/// random queries answered by <c>ip route get</c> and by <c>symroute route get --batch</c>.
/// Agreement must be 100% except for the rules in <see cref="KnownDifferences"/>.
/// </summary>
public sealed class DifferentialTests(ITestOutputHelper output)
{
    [RootFact]
    public void Simulator_agrees_with_the_kernel()
    {
        var settings = DiffSettings.FromEnvironment();
        var sw = Stopwatch.StartNew();
        var results = new ConcurrentBag<ConfigResult>();
        Parallel.ForEach(settings.Seeds, new ParallelOptions { MaxDegreeOfParallelism = settings.Parallel }, seed =>
        {
            var config = ConfigGenerator.Generate(seed);
            try
            {
                results.Add(DiffRunner.Run(config, settings.QueriesPerConfig));
            }
            catch (Exception e) when (e is InvalidOperationException or IOException)
            {
                throw new InvalidOperationException($"seed {seed}: {e.Message}", e);
            }
        });
        var ordered = results.OrderBy(r => r.Config.Seed).ToList();
        var summary = DiffSummary.Of(ordered, sw.Elapsed);

        string details = summary.Details();
        output.WriteLine(details);
        File.WriteAllText(Path.Combine(DiffSettings.ResultsDir, "difftest-summary.txt"), details);
        string failures = DiffSummary.FailureReport(ordered);
        string failuresPath = Path.Combine(DiffSettings.ResultsDir, "difftest-failures.txt");
        File.WriteAllText(failuresPath, failures);

        // The full run must exercise everything it promises (a replay of one seed need not).
        if (settings.Seeds.Count >= 100)
            Assert.True(!summary.MissingFeatures.Any(), "no accepted command exercised: " + string.Join(", ", summary.MissingFeatures));

        if (!summary.Passed)
        {
            string head = failures.Length > 12000 ? failures[..12000] + "\n…" : failures;
            Assert.Fail($"{summary.Line()}\nfull report: {failuresPath}\n{head}");
        }
    }

    /// <summary>
    /// The harness itself: the kernel must give the same answers twice for the same namespace
    /// (pinned multipath hash seed, no hidden state), or its answers cannot judge anything.
    /// </summary>
    [RootFact]
    public void Kernel_answers_are_reproducible()
    {
        foreach (int seed in new[] { 7, 8, 9 })
        {
            var config = ConfigGenerator.Generate(seed);
            using var lab = DiffLab.Build(config);
            var queries = QueryGenerator.Generate(config, 60);
            var a = KernelOracle.Ask(lab.Host, queries);
            var b = KernelOracle.Ask(lab.Host, queries);
            for (int i = 0; i < queries.Count; i++)
                Assert.True(a[i].Answer.Raw == b[i].Answer.Raw, $"seed {seed}: {queries[i]}: {a[i].Answer.Raw} then {b[i].Answer.Raw}");
            Assert.Contains(lab.Outcomes, o => o.Error is null && o.Step.Text.StartsWith("route ", StringComparison.Ordinal));
        }
    }
}
