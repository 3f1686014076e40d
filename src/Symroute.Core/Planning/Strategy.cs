namespace Symroute.Planning;

/// <summary>
/// The fixes the planner knows (design.md, "Fix strategies the planner knows"). The one strategy
/// enum of the code base: checks name the strategy a finding's remedy needs with it too.
/// </summary>
public enum Strategy
{
    /// <summary>Per-interface tables and <c>from ADDR</c> rules (IPv6: <c>from PREFIX</c>): the real fix.</summary>
    SourceRules,
    /// <summary>Source rules behind a <c>lookup main suppress_prefixlength 0</c> rule, so specific routes in main still win.</summary>
    MainFirst,
    /// <summary>Main-first and source rules plus connection marks by ingress uplink, for forwarded and DNAT'd traffic.</summary>
    Connmark,
    /// <summary>rp_filter=2 on the uplinks: a labelled stop-gap that masks the asymmetry.</summary>
    LooseRpFilter,
    /// <summary>Remove the second default gateway; static routes for the networks the other interface must reach.</summary>
    OneGateway,
}
