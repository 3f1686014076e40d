using System.Collections.Immutable;

namespace Symroute.Checks;

/// <summary>One problem a check found, with its evidence and remedy. Findings are data; every output format renders the same record.</summary>
/// <param name="Code">Stable kebab-case identifier (<c>asymmetric-reply</c>); scripts and monitoring key on it.</param>
/// <param name="Summary">One plain sentence: what happens to traffic.</param>
/// <param name="Evidence">The simulated lookups (with their explain traces) and plain facts the finding rests on.</param>
/// <param name="Remedy">What fixes it; null for purely informative findings.</param>
public sealed record Finding(
    string Code,
    Severity Severity,
    FindingSubject Subject,
    string Summary,
    ImmutableArray<Evidence> Evidence,
    Remedy? Remedy = null);
