using Symroute.Model;

namespace Symroute.Planning;

/// <summary>
/// When a route or rule in the host's state is "the same" as a planned one: what the kernel
/// would treat as the same object, ignoring who added it (protocol) and cosmetic attributes,
/// so that a plan applied by any backend (which each set their own protocol) reads back as Keep.
/// </summary>
public static class StateMatch
{
    /// <summary>Same table, type, destination, TOS, metric (kernel defaults filled in) and first nexthop.</summary>
    public static bool SameRoute(Route a, Route b)
    {
        if (a.Family != b.Family || a.Table != b.Table || a.Type != b.Type || a.Tos != b.Tos)
            return false;
        if (a.Dst.Network() != b.Dst.Network())
            return false;
        if (EffectiveMetric(a) != EffectiveMetric(b))
            return false;
        var na = a.FirstNexthop;
        var nb = b.FirstNexthop;
        if (na is null || nb is null)
            return na is null && nb is null;
        return Equals(na.Gateway, nb.Gateway) && na.Dev == nb.Dev;
    }

    /// <summary>The metric the kernel stores when none is given: 0 for IPv4, 1024 for IPv6 (IP6_RT_PRIO_USER).</summary>
    public static uint EffectiveMetric(Route r) => r.Metric ?? (r.Family == Family.Inet6 ? 1024u : 0u);

    /// <summary>Same selectors, action and target; priority and protocol ignored.</summary>
    public static bool SameSelector(Rule a, Rule b) =>
        Normalize(a) == Normalize(b);

    /// <summary>Same selectors, action, target and priority; protocol ignored.</summary>
    public static bool SameRule(Rule a, Rule b) => a.Priority == b.Priority && SameSelector(a, b);

    private static Rule Normalize(Rule r) => r with
    {
        Priority = 0,
        Protocol = null,
        From = r.From is { } f && !f.IsDefault ? f.Network() : null,
        To = r.To is { } t && !t.IsDefault ? t.Network() : null,
        FwMask = r.FwMark is null or 0 ? null : r.FwMask ?? 0xffffffff,
        FwMark = r.FwMark is 0 ? null : r.FwMark,
        Table = r.Action == RuleAction.Lookup ? r.Table ?? RouteTableId.Main : null,
    };
}
