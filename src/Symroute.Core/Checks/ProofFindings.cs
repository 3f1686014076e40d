using Symroute.Model;

namespace Symroute.Checks;

/// <summary>
/// The findings a plan's proof compares before and after (<c>PlanVerifier</c>): those that make
/// <c>check</c> exit non-zero (warning or worse), as <c>code interface address</c>. Info findings,
/// such as on-link peers of another subnet reached directly under main-first, are not failures.
/// </summary>
public static class ProofFindings
{
    public static IReadOnlyList<string> Of(HostState state) =>
        [.. CheckRunner.Default.Run(new CheckContext(state, new CheckInputs()), "proof").Findings
            .Where(f => f.Severity >= Severity.Warning)
            .Select(f => $"{f.Code} {f.Subject.Interface} {f.Subject.Address}")];
}
