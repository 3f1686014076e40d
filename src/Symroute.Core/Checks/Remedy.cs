using Symroute.Planning;

namespace Symroute.Checks;

/// <summary>What to do about a finding.</summary>
/// <param name="Strategy">The planner strategy that fixes it; null when the fix is outside the planner (a VRF, deleting a stale rule by hand).</param>
/// <param name="Reason">Why this remedy fits this host, in one or two plain sentences.</param>
/// <param name="Command">The command that produces (or is) the fix, e.g. <c>symroute plan --strategy source-rules</c>.</param>
public sealed record Remedy(Strategy? Strategy, string Reason, string? Command);
