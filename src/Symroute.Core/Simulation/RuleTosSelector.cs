namespace Symroute.Simulation;

/// <summary>How the rule's tos / dscp selector compares (fib4_rule_match / fib6_rule_match).</summary>
internal enum RuleTosSelector : byte
{
    None,
    /// <summary>FRA_DSCP: the flow's DSCP (tos &gt;&gt; 2) equals the value.</summary>
    Dscp,
    /// <summary>IPv4 tos: equal to the flow's tos under the legacy mask 0x1c.</summary>
    Tos4,
    /// <summary>IPv6 tos: the DSCP bits of both are equal.</summary>
    Tos6,
}
