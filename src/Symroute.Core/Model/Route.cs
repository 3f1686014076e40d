using System.Collections.Immutable;
using System.Net;

namespace Symroute.Model;

/// <summary>A route of any table and type (RTM_NEWROUTE), in iproute2's vocabulary.</summary>
/// <param name="Table">Table id (254 main, 255 local, 253 default).</param>
/// <param name="Dst">Destination prefix; /0 is <c>default</c>.</param>
/// <param name="Src">IPv6 source-specific routes: <c>from PREFIX</c>.</param>
/// <param name="Tos">IPv4 TOS selector (0 = any).</param>
/// <param name="Metric">RTA_PRIORITY; null when the kernel sent none (IPv4 metric 0).</param>
/// <param name="Protocol">RTPROT_* owner (kernel, boot, static, ra, dhcp, or symroute's own).</param>
/// <param name="PrefSrc">RTA_PREFSRC: <c>src</c>.</param>
/// <param name="Nexthops">Nexthops in order; one for single-path routes, none for reject routes.</param>
/// <param name="Expires">IPv6 expiry in seconds, if any.</param>
/// <param name="Pref">IPv6 router preference.</param>
/// <param name="NhId">Nexthop object id (<c>nhid</c>), if the route uses one.</param>
/// <param name="Multipath">Printed with <c>nexthop</c> lines (RTA_MULTIPATH), even with one nexthop.</param>
/// <param name="Flags">
/// rtm_flags of a multipath route or of one without nexthops (e.g. <c>dead</c> when every nexthop is
/// dead). A single-path route keeps its flags on its nexthop instead, so this is None for it.
/// </param>
/// <remarks>
/// Conventions every source follows so that models compare equal: IPv4 <see cref="Metric"/> is null
/// when the kernel sent no RTA_PRIORITY (metric 0); IPv6 always has one. <see cref="Dst"/> has host
/// bits cleared, as the kernel stores it. Metrics other than mtu and hoplimit are not kept.
/// </remarks>
public sealed record Route(
    Family Family,
    uint Table,
    RouteType Type,
    IpPrefix Dst,
    ImmutableArray<Nexthop> Nexthops,
    Scope Scope = Scope.Global,
    byte Protocol = RouteProtocol.Boot,
    uint? Metric = null,
    IPAddress? PrefSrc = null,
    byte Tos = 0,
    IpPrefix? Src = null,
    uint? Expires = null,
    RouterPreference? Pref = null,
    uint? NhId = null,
    uint? Mtu = null,
    uint? HopLimit = null,
    bool Multipath = false,
    NexthopFlags Flags = NexthopFlags.None)
{
    /// <summary>The single or first nexthop, if any.</summary>
    public Nexthop? FirstNexthop => Nexthops.IsDefaultOrEmpty ? null : Nexthops[0];

    public bool IsError => Type is RouteType.Unreachable or RouteType.Prohibit or RouteType.Blackhole or RouteType.Throw;
}
