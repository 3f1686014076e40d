namespace Symroute.Host.Netlink.Wire;

#pragma warning disable CA1707

/// <summary>Constants of include/uapi/linux/if_link.h and the IFF_* flags of include/uapi/linux/if.h.</summary>
internal static class IfLink
{
    public const ushort IFLA_UNSPEC = 0;
    public const ushort IFLA_ADDRESS = 1;
    public const ushort IFLA_BROADCAST = 2;
    public const ushort IFLA_IFNAME = 3;
    public const ushort IFLA_MTU = 4;
    public const ushort IFLA_LINK = 5;
    public const ushort IFLA_QDISC = 6;
    public const ushort IFLA_STATS = 7;
    public const ushort IFLA_MASTER = 10;
    public const ushort IFLA_TXQLEN = 13;
    public const ushort IFLA_OPERSTATE = 16;
    public const ushort IFLA_LINKMODE = 17;
    public const ushort IFLA_LINKINFO = 18;
    public const ushort IFLA_IFALIAS = 20;
    public const ushort IFLA_AF_SPEC = 26;
    public const ushort IFLA_GROUP = 27;
    public const ushort IFLA_EXT_MASK = 29;
    public const ushort IFLA_CARRIER = 33;
    public const ushort IFLA_LINK_NETNSID = 37;

    public const ushort IFLA_INFO_UNSPEC = 0;
    public const ushort IFLA_INFO_KIND = 1;
    public const ushort IFLA_INFO_DATA = 2;
    public const ushort IFLA_INFO_XSTATS = 3;
    public const ushort IFLA_INFO_SLAVE_KIND = 4;

    public const uint IFF_UP = 0x1;
    public const uint IFF_BROADCAST = 0x2;
    public const uint IFF_DEBUG = 0x4;
    public const uint IFF_LOOPBACK = 0x8;
    public const uint IFF_POINTOPOINT = 0x10;
    public const uint IFF_NOTRAILERS = 0x20;
    public const uint IFF_RUNNING = 0x40;
    public const uint IFF_NOARP = 0x80;
    public const uint IFF_PROMISC = 0x100;
    public const uint IFF_ALLMULTI = 0x200;
    public const uint IFF_MASTER = 0x400;
    public const uint IFF_SLAVE = 0x800;
    public const uint IFF_MULTICAST = 0x1000;
    public const uint IFF_PORTSEL = 0x2000;
    public const uint IFF_AUTOMEDIA = 0x4000;
    public const uint IFF_DYNAMIC = 0x8000;
    public const uint IFF_LOWER_UP = 0x10000;
    public const uint IFF_DORMANT = 0x20000;
    public const uint IFF_ECHO = 0x40000;
}
