using System.Text;
using Symroute.Tests.Lab;
using Xunit;
using Xunit.Abstractions;

namespace Symroute.Tests.Differential;

/// <summary>
/// The simulator against the kernel at Internet scale: 50,000 real prefixes in main and 50,000
/// more in a second table, about 2,000 queries, first on the merged local/main fast path, then
/// with a source rule in front of the second table.
/// </summary>
public sealed class FullTableDifferentialTests(ITestOutputHelper output)
{
    [FullTableRootFact]
    public void Simulator_agrees_with_the_kernel_on_a_sample_of_the_full_table()
    {
        using var lab = FullTableLab.Build(sample: 50_000, seed: 6);
        var addrs = KernelAddress.ParseJson(lab.Ns.Ip("-json", "-4", "addr", "show"));
        var report = new StringBuilder();
        int compared = 0, disagreed = 0, errors = 0, second = 0, gateways = 0;
        foreach (var phase in new[] { "merged fast path", "source rule to table 100" })
        {
            if (phase != "merged fast path")
                lab.AddSourceRule();
            var queries = lab.Queries(1000, seed: phase.Length);
            var kernel = KernelOracle.Ask(lab.Ns, queries);
            var sim = SimulatorOracle.Ask(lab.Ns, queries);
            for (int i = 0; i < queries.Count; i++)
            {
                var c = AnswerComparer.Compare(queries[i], kernel[i], sim[i], addrs);
                compared++;
                var k = kernel[i].Answer;
                errors += k.IsError ? 1 : 0;
                second += k.Table == $"{FullTableLab.SecondTable}" ? 1 : 0;
                gateways += k.Gateway is not null ? 1 : 0;
                if (c.Verdict is Verdict.Agree or Verdict.EcmpAgree)
                    continue;
                disagreed++;
                if (disagreed <= 30)
                    report.Append($"[{phase}] {queries[i]}\n  kernel:    {kernel[i].Answer.Raw}\n  simulator: {sim[i].Raw}\n  {c.Verdict} on {string.Join(", ", c.Fields)}\n");
            }
        }
        output.WriteLine($"{compared} queries compared, {disagreed} disagreements; the kernel answered {gateways} via a gateway, {second} from table {FullTableLab.SecondTable}, {errors} with an error");
        // The sample must exercise what it is for: routes of both tables and failures.
        Assert.True(gateways > 500 && second > 50 && errors > 50, "the queries did not exercise both tables and the error paths");
        Assert.True(disagreed == 0, $"{disagreed} of {compared} answers differ:\n{report}");
    }
}
