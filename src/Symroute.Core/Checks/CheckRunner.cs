using System.Collections.Immutable;
using System.Net;
using Symroute.Model;

namespace Symroute.Checks;

/// <summary>Runs every check on a host and assembles the report.</summary>
public sealed class CheckRunner
{
    private readonly ImmutableArray<ICheck> _checks;

    public CheckRunner(IEnumerable<ICheck> checks) => _checks = [.. checks];

    /// <summary>Every check symroute knows, in report order.</summary>
    public static CheckRunner Default { get; } = new(AllChecks.Create());

    public ImmutableArray<ICheck> Checks => _checks;

    public CheckReport Run(CheckContext context, string source)
    {
        var findings = new List<Finding>();
        var skipped = ImmutableArray.CreateBuilder<SkippedCheck>();
        foreach (var check in _checks)
        {
            if (check.CannotRun(context) is { } reason)
            {
                skipped.Add(new SkippedCheck(check.Code, reason));
                continue;
            }
            findings.AddRange(check.Run(context));
        }
        var sorted = findings
            .Select((f, i) => (f, i))
            .OrderByDescending(x => x.f.Severity)
            .ThenBy(x => x.f.Code, StringComparer.Ordinal)
            .ThenBy(x => x.i)
            .Select(x => x.f)
            .ToImmutableArray();
        return new CheckReport(Summarize(context, source), sorted, skipped.ToImmutable());
    }

    public static HostSummary Summarize(CheckContext context, string source)
    {
        var state = context.State;
        var interfaces = context.Facts.Interfaces.Select(i => new InterfaceSummary(
            i.Name,
            !i.Link.IsUp ? "DOWN" : i.Link.HasCarrier ? "UP" : "NO-CARRIER",
            [.. i.Addresses.Select(a => $"{a.Local}/{a.PrefixLength}")],
            i.Gateways,
            context.BackendOf(i.Name))).ToImmutableArray();
        int tables = context.Facts.PopulatedTables.Count();
        return new HostSummary(state.Hostname, state.KernelRelease, state.CapturedAt, source, interfaces,
            state.Links.Length, state.Addresses.Length, state.Routes.Length, state.Rules.Length, tables);
    }
}
