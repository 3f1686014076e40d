using System.Net;

namespace Symroute.Model;

/// <summary>One nexthop of a route: <c>via GATEWAY dev DEV weight W</c>. Single-path routes have one.</summary>
/// <param name="Gateway">RTA_GATEWAY (or RTA_VIA); null for a device route.</param>
/// <param name="Dev">Output device name; null for reject routes.</param>
/// <param name="Weight">ECMP weight as iproute2 prints it (rtnh_hops + 1).</param>
public sealed record Nexthop(IPAddress? Gateway, string? Dev, int Weight = 1, NexthopFlags Flags = NexthopFlags.None)
{
    public bool IsDead => (Flags & NexthopFlags.Dead) != 0;
    public bool IsLinkDown => (Flags & NexthopFlags.LinkDown) != 0;
    public bool IsOnLink => (Flags & NexthopFlags.OnLink) != 0;
}
