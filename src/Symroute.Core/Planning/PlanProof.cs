using System.Collections.Immutable;

namespace Symroute.Planning;

/// <summary>
/// The plan applied to the model and checked again: the decisive paths before and after, and the
/// findings (by code and subject) cleared, remaining and introduced. <see cref="Failure"/> is set
/// when the plan does not do what its strategy promises: such a plan is an error, not an output.
/// </summary>
public sealed record PlanProof(
    ImmutableArray<ProofPath> Paths,
    ImmutableArray<string> FindingsBefore,
    ImmutableArray<string> FindingsAfter,
    ImmutableArray<string> Cleared,
    ImmutableArray<string> Remaining,
    ImmutableArray<string> Introduced,
    string? Failure)
{
    public bool Proven => Failure is null;
}
