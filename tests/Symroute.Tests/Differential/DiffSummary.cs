using System.Globalization;
using System.Text;

namespace Symroute.Tests.Differential;

/// <summary>Totals over a differential run and the texts reported from them.</summary>
public sealed class DiffSummary
{
    public int Configs { get; private set; }
    public int Queries { get; private set; }
    public int Exact { get; private set; }
    public int Ecmp { get; private set; }
    public int Known { get; private set; }
    public int Disagree { get; private set; }
    public int HarnessFailures { get; private set; }
    public int Steps { get; private set; }
    public int RejectedSteps { get; private set; }
    public int ConfigsWithoutRules { get; private set; }
    /// <summary>Queries whose matched FIB entry is multipath (where the ECMP allowance can apply).</summary>
    public int MultipathHits { get; private set; }
    public TimeSpan Elapsed { get; init; }
    /// <summary>Phase times summed over configurations (they overlap when configurations run in parallel).</summary>
    public PhaseTimes PhaseTotals { get; private set; } = new(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);

    public SortedDictionary<string, int> KnownByRule { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, (int Total, int Disagree)> ByKind { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, int> KernelOutcomes { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, int> DisagreeByField { get; } = new(StringComparer.Ordinal);
    /// <summary>Accepted commands per feature of <see cref="FeatureCoverage"/>.</summary>
    public SortedDictionary<string, int> Coverage { get; } = new(StringComparer.Ordinal);

    public IEnumerable<string> MissingFeatures => FeatureCoverage.Features.Select(f => f.Name).Where(n => Coverage.GetValueOrDefault(n) == 0);

    /// <summary>Agreement over the compared queries (known differences excluded), in percent.</summary>
    public double AgreementPercent => Queries - Known == 0 ? 100 : 100.0 * (Exact + Ecmp) / (Queries - Known);

    public bool Passed => Disagree == 0 && HarnessFailures == 0;

    public static DiffSummary Of(IReadOnlyList<ConfigResult> results, TimeSpan elapsed)
    {
        var s = new DiffSummary { Elapsed = elapsed };
        foreach (var r in results)
        {
            s.Configs++;
            s.PhaseTotals = new PhaseTimes(s.PhaseTotals.Build + r.Timing.Build, s.PhaseTotals.Kernel + r.Timing.Kernel, s.PhaseTotals.Simulator + r.Timing.Simulator);
            s.Steps += r.Outcomes.Count;
            s.RejectedSteps += r.Outcomes.Count(o => o.Error is not null);
            foreach (var o in r.Outcomes.Where(o => o.Error is null))
                foreach (var (name, m) in FeatureCoverage.Features)
                    if (m(o.Step)) s.Coverage[name] = s.Coverage.GetValueOrDefault(name) + 1;
            if (!r.Config.Steps.Any(x => x.Text.StartsWith("rule ", StringComparison.Ordinal))) s.ConfigsWithoutRules++;
            if (r.Failure is not null) s.HarnessFailures++;
            foreach (var c in r.Cases)
            {
                s.Queries++;
                var k = c.Kernel.Answer;
                Bump(s.KernelOutcomes, k.IsError ? "error " + k.Error : k.Type ?? "unicast");
                if (c.Kernel.Fib is { IsMultipath: true }) s.MultipathHits++;
                var (t, d) = s.ByKind.GetValueOrDefault(c.Query.Kind);
                switch (c.Comparison.Verdict)
                {
                    case Verdict.Agree: s.Exact++; break;
                    case Verdict.EcmpAgree: s.Ecmp++; break;
                    case Verdict.Known: s.Known++; Bump(s.KnownByRule, c.Comparison.Rule!); break;
                    default:
                        s.Disagree++;
                        d++;
                        foreach (var f in c.Comparison.Fields) Bump(s.DisagreeByField, f);
                        break;
                }
                s.ByKind[c.Query.Kind] = (t + 1, d);
            }
        }
        return s;
    }

    private static void Bump(SortedDictionary<string, int> d, string key) => d[key] = d.GetValueOrDefault(key) + 1;

    private static string Join(IEnumerable<KeyValuePair<string, int>> d) => string.Join(", ", d.Select(kv => $"{kv.Key} {kv.Value}"));

    /// <summary>One line the lead can quote.</summary>
    public string Line() => string.Create(CultureInfo.InvariantCulture,
        $"difftest: {Configs} configs, {Queries} queries, agreement {AgreementPercent:F3}% " +
        $"(exact {Exact}, ecmp-any-nexthop {Ecmp}, known {Known}, disagree {Disagree}, harness failures {HarnessFailures}); " +
        $"by kind: {string.Join(", ", ByKind.Select(kv => $"{kv.Key} {kv.Value.Total}/{kv.Value.Disagree} bad"))}; " +
        $"{Elapsed.TotalSeconds:F0}s");

    public string Details()
    {
        var sb = new StringBuilder();
        sb.AppendLine(Line());
        sb.AppendLine(CultureInfo.InvariantCulture, $"config commands: {Steps} run, {RejectedSteps} rejected by the kernel; {ConfigsWithoutRules} configs without custom rules; {MultipathHits} queries matched a multipath route");
        sb.AppendLine(CultureInfo.InvariantCulture, $"time summed over configs: build+settle {PhaseTotals.Build.TotalSeconds:F0}s, kernel {PhaseTotals.Kernel.TotalSeconds:F0}s, simulator {PhaseTotals.Simulator.TotalSeconds:F0}s");
        sb.AppendLine("kernel outcomes: " + Join(KernelOutcomes));
        sb.AppendLine("accepted commands per feature: " + string.Join(", ", FeatureCoverage.Features.Select(f => $"{f.Name} {Coverage.GetValueOrDefault(f.Name)}")));
        sb.AppendLine("known differences: " + (KnownByRule.Count == 0 ? "none used" : Join(KnownByRule)));
        foreach (var k in KnownDifferences.All)
            sb.AppendLine(CultureInfo.InvariantCulture, $"  {k.Name} ({KnownByRule.GetValueOrDefault(k.Name)}): {k.Reason}");
        if (DisagreeByField.Count > 0) sb.AppendLine("disagreeing fields: " + Join(DisagreeByField));
        return sb.ToString();
    }

    /// <summary>Each problem with the configuration (as ip commands), the query and both answers.</summary>
    public static string FailureReport(IEnumerable<ConfigResult> results, int maxCasesPerConfig = 15)
    {
        var sb = new StringBuilder();
        foreach (var r in results.Where(r => r.HasProblem))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"===== seed {r.Config.Seed} (replay: DIFFTEST_SEED={r.Config.Seed} dotnet test --filter FullyQualifiedName~Differential) =====");
            if (r.Failure is not null) sb.AppendLine("simulator failed: " + r.Failure);
            sb.AppendLine(r.Described);
            var bad = r.Cases.Where(c => c.Comparison.Verdict == Verdict.Disagree).ToList();
            foreach (var c in bad.Take(maxCasesPerConfig))
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"--- seed {r.Config.Seed}: {c.Query}   [{string.Join(",", c.Comparison.Fields)}]");
                sb.AppendLine("  kernel:    " + c.Kernel.Answer.Raw);
                if (c.Kernel.Fib is not null) sb.AppendLine("  fibmatch:  " + c.Kernel.Fib.Raw);
                sb.AppendLine("  simulator: " + c.Simulator.Raw);
            }
            if (bad.Count > maxCasesPerConfig) sb.AppendLine(CultureInfo.InvariantCulture, $"  … {bad.Count - maxCasesPerConfig} more");
            if (r.KernelState is not null) sb.AppendLine("kernel state:").AppendLine(r.KernelState);
        }
        return sb.ToString();
    }
}
