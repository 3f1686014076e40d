using System.Collections.Immutable;
using System.Globalization;
using Symroute.Host.Netlink.Wire;

namespace Symroute.Host.Netlink;

/// <summary>Interface flags as iproute2 prints them (ip/ipaddress.c, print_link_flags), in its order.</summary>
internal static class LinkFlagNames
{
    private static readonly (uint Flag, string Name)[] Order =
    [
        (IfLink.IFF_LOOPBACK, "LOOPBACK"),
        (IfLink.IFF_BROADCAST, "BROADCAST"),
        (IfLink.IFF_POINTOPOINT, "POINTOPOINT"),
        (IfLink.IFF_MULTICAST, "MULTICAST"),
        (IfLink.IFF_NOARP, "NOARP"),
        (IfLink.IFF_ALLMULTI, "ALLMULTI"),
        (IfLink.IFF_PROMISC, "PROMISC"),
        (IfLink.IFF_MASTER, "MASTER"),
        (IfLink.IFF_SLAVE, "SLAVE"),
        (IfLink.IFF_DEBUG, "DEBUG"),
        (IfLink.IFF_DYNAMIC, "DYNAMIC"),
        (IfLink.IFF_AUTOMEDIA, "AUTOMEDIA"),
        (IfLink.IFF_PORTSEL, "PORTSEL"),
        (IfLink.IFF_NOTRAILERS, "NOTRAILERS"),
        (IfLink.IFF_UP, "UP"),
        (IfLink.IFF_LOWER_UP, "LOWER_UP"),
        (IfLink.IFF_DORMANT, "DORMANT"),
        (IfLink.IFF_ECHO, "ECHO"),
    ];

    /// <summary>
    /// NO-CARRIER first when UP without RUNNING, RUNNING itself never printed, unknown bits as one
    /// hex word, and M-DOWN last when the device's IFLA_LINK peer in this namespace is down.
    /// </summary>
    public static ImmutableArray<string> Format(uint flags, bool masterDown)
    {
        var b = ImmutableArray.CreateBuilder<string>();
        if ((flags & IfLink.IFF_UP) != 0 && (flags & IfLink.IFF_RUNNING) == 0)
            b.Add("NO-CARRIER");
        flags &= ~IfLink.IFF_RUNNING;
        foreach (var (flag, name) in Order)
        {
            if ((flags & flag) == 0) continue;
            flags &= ~flag;
            b.Add(name);
        }
        if (flags != 0)
            b.Add(flags.ToString("x", CultureInfo.InvariantCulture));
        if (masterDown)
            b.Add("M-DOWN");
        return b.ToImmutable();
    }
}
