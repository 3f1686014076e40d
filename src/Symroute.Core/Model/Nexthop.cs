using System.Net;

namespace Symroute.Model;

/// <summary>One nexthop of a route: <c>via GATEWAY dev DEV weight W</c>. Single-path routes have one.</summary>
/// <param name="Gateway">RTA_GATEWAY (or RTA_VIA); null for a device route.</param>
/// <param name="Dev">Output device name; null for reject routes.</param>
/// <param name="Weight">ECMP weight as iproute2 prints it (rtnh_hops + 1).</param>
/// <param name="Flags">
/// RTNH_F_* of this nexthop. For a single-path route these are the route's rtm_flags (the kernel
/// copies the nexthop's flags there: fib_dump_info / rt6_fill_node), so they live here, not on the route.
/// </param>
/// <param name="Realms">RTA_FLOW (<c>realms FROM/TO</c>, FROM in the high 16 bits), if set.</param>
/// <remarks>
/// <see cref="Gateway"/> may be of the other family (RTA_VIA: an IPv4 route <c>via inet6 GW</c>).
/// IPv6 reject routes (unreachable, prohibit, blackhole) carry one nexthop with <c>Dev = "lo"</c>, as
/// the kernel reports RTA_OIF lo for them; IPv4 reject routes have none.
/// </remarks>
public sealed record Nexthop(IPAddress? Gateway, string? Dev, int Weight = 1, NexthopFlags Flags = NexthopFlags.None, uint? Realms = null)
{
    public bool IsDead => (Flags & NexthopFlags.Dead) != 0;
    public bool IsLinkDown => (Flags & NexthopFlags.LinkDown) != 0;
    public bool IsOnLink => (Flags & NexthopFlags.OnLink) != 0;
}
