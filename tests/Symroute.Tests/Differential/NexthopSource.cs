using System.Net;

namespace Symroute.Tests.Differential;

/// <summary>
/// The source address the kernel caches on an IPv4 nexthop (nh_saddr =
/// inet_select_addr(nexthop dev, gateway, route scope), devinet.c). Since 6.16,
/// fib_select_multipath prefers the nexthop whose nh_saddr equals the flow's source, so the
/// differential test needs it to know when an ECMP choice is forced rather than hashed.
/// </summary>
public static class NexthopSource
{
    public static IPAddress? Select(IReadOnlyList<KernelAddress> addrs, string dev, IPAddress? gateway, int scope)
    {
        IPAddress? first = null;
        foreach (var a in addrs)
        {
            if (a.Dev != dev || a.Secondary || a.Scope > scope) continue;
            if (gateway is null || SameSubnet(gateway, a.Address, a.PrefixLength)) return a.Local;
            first ??= a.Local;
        }
        if (first is not null) return first;
        // Nothing on the device: first primary of any device (ifindex order) with scope ≠ link and ≤ scope.
        foreach (var a in addrs.OrderBy(a => a.IfIndex))
            if (!a.Secondary && a.Scope != 253 && a.Scope <= scope) return a.Local;
        return null;
    }

    private static bool SameSubnet(IPAddress x, IPAddress y, int len)
    {
        uint a = Be(x), b = Be(y);
        uint mask = len == 0 ? 0 : uint.MaxValue << (32 - len);
        return ((a ^ b) & mask) == 0;
    }

    private static uint Be(IPAddress a)
    {
        var b = a.GetAddressBytes();
        return (uint)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]);
    }
}
