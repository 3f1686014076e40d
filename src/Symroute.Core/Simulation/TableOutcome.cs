namespace Symroute.Simulation;

/// <summary>What a lookup in one table gave.</summary>
internal enum TableOutcome
{
    /// <summary>A usable route (and nexthop).</summary>
    Found,
    /// <summary>Nothing matched (EAGAIN): the rule walk goes on.</summary>
    NoMatch,
    /// <summary>A throw route matched (EAGAIN): the rule walk goes on.</summary>
    Throw,
    /// <summary>An unreachable / prohibit / blackhole route matched: its error ends the lookup.</summary>
    Reject,
}
