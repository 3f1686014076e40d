using System.Collections.Immutable;

namespace Symroute.Planning;

/// <summary>
/// The fix for one host: the desired tables, routes, rules, sysctls and connection marks, each
/// compared with the current state (Keep / Add / Remove) and explained. Pure data: renderers turn
/// it into backend files or commands, <see cref="PlanApplier"/> into the state it would produce.
/// </summary>
/// <param name="Strategy">The strategy planned.</param>
/// <param name="StrategyChosen">True when symroute chose the strategy from the host (no --strategy).</param>
/// <param name="StrategyReason">Why this strategy (said in the output).</param>
/// <param name="PriorityBase">First priority of symroute's rule block.</param>
/// <param name="Refusal">Non-null when symroute refuses to plan (overlapping subnets): the reason. Everything else is then empty.</param>
public sealed record Plan(
    Strategy Strategy,
    bool StrategyChosen,
    string StrategyReason,
    uint PriorityBase,
    ImmutableArray<Uplink> Uplinks,
    ImmutableArray<PlannedTable> Tables,
    ImmutableArray<PlannedRoute> Routes,
    ImmutableArray<PlannedRule> Rules,
    ImmutableArray<PlannedSysctl> Sysctls,
    ImmutableArray<PlannedConnmark> Connmarks,
    ImmutableArray<PlanNote> Notes,
    string? Refusal = null)
{
    /// <summary>True when applying the plan would change nothing in the routing state (connmark rules aside).</summary>
    public bool IsEmptyDiff =>
        Refusal is null
        && Tables.All(t => t.Change == ChangeKind.Keep)
        && Routes.All(r => r.Change == ChangeKind.Keep)
        && Rules.All(r => r.Change == ChangeKind.Keep)
        && Sysctls.All(s => s.Change == ChangeKind.Keep);

    /// <summary>True when the host's firewall already holds every connection mark the plan needs (none needed included).</summary>
    public bool ConnmarksInPlace => Connmarks.All(c => c.Change == ChangeKind.Keep);

    public int Count(ChangeKind kind) =>
        Tables.Count(t => t.Change == kind) + Routes.Count(r => r.Change == kind)
        + Rules.Count(r => r.Change == kind) + Sysctls.Count(s => s.Change == kind);

    public static Plan Refused(Strategy strategy, bool chosen, string reason) => new(
        strategy, chosen, reason, 0, [], [], [], [], [], [], [], reason);
}
