using System.Collections.Immutable;

namespace Symroute.Checks;

/// <summary>The result of <c>symroute check</c>: the host, its findings (most severe first) and the checks that could not run.</summary>
public sealed record CheckReport(HostSummary Host, ImmutableArray<Finding> Findings, ImmutableArray<SkippedCheck> Skipped)
{
    public int Count(Severity severity) => Findings.Count(f => f.Severity == severity);

    /// <summary>The worst severity that changes the exit status, or null when there is nothing of warning or worse.</summary>
    public Severity? Status =>
        Findings.Any(f => f.Severity == Severity.Critical) ? Severity.Critical
        : Findings.Any(f => f.Severity == Severity.Warning) ? Severity.Warning
        : null;

    /// <summary>design.md: 0 no findings of warning or worse, 1 warnings, 2 critical findings.</summary>
    public int ExitStatus => Status switch { Severity.Critical => 2, Severity.Warning => 1, _ => 0 };

    /// <summary>ok, warning or critical.</summary>
    public string StatusName => Status?.ToName() ?? "ok";
}
