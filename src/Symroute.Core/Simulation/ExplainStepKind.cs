namespace Symroute.Simulation;

/// <summary>What an <see cref="ExplainStep"/> records.</summary>
public enum ExplainStepKind
{
    /// <summary>The flow key the lookup uses (fields every selector and table sees).</summary>
    Flow,
    /// <summary>A sanity check on the query (martian addresses, source must be local, oif up, …).</summary>
    Check,
    /// <summary>Heading of a policy-rule walk.</summary>
    Rules,
    /// <summary>One rule: matched (and what its action did) or the selector it failed on.</summary>
    Rule,
    /// <summary>One table consulted: the route found, or why the walk went on.</summary>
    Table,
    /// <summary>A route entry looked at inside a table and skipped, with the reason.</summary>
    Route,
    /// <summary>The nexthop chosen, and why others were not.</summary>
    Nexthop,
    /// <summary>The source address, and why.</summary>
    Source,
    /// <summary>Input: the forwarding / local delivery decision.</summary>
    Forwarding,
    /// <summary>Input: the reverse-path (rp_filter) check.</summary>
    ReversePath,
    /// <summary>A special path of the kernel (on-link fallback with oif, limited broadcast, …).</summary>
    Fallback,
    /// <summary>The outcome.</summary>
    Result,
    /// <summary>Anything else worth saying.</summary>
    Note,
}
