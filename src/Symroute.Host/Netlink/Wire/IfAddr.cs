namespace Symroute.Host.Netlink.Wire;

#pragma warning disable CA1707

/// <summary>Constants of include/uapi/linux/if_addr.h.</summary>
internal static class IfAddr
{
    public const ushort IFA_UNSPEC = 0;
    public const ushort IFA_ADDRESS = 1;
    public const ushort IFA_LOCAL = 2;
    public const ushort IFA_LABEL = 3;
    public const ushort IFA_BROADCAST = 4;
    public const ushort IFA_ANYCAST = 5;
    public const ushort IFA_CACHEINFO = 6;
    public const ushort IFA_MULTICAST = 7;
    public const ushort IFA_FLAGS = 8;
    public const ushort IFA_RT_PRIORITY = 9;
    public const ushort IFA_TARGET_NETNSID = 10;
    public const ushort IFA_PROTO = 11;

    public const uint IFA_F_SECONDARY = 0x01;
    public const uint IFA_F_PERMANENT = 0x80;

    /// <summary>ifa_cacheinfo lifetime meaning "forever" (INFINITY_LIFE_TIME).</summary>
    public const uint INFINITY_LIFE_TIME = 0xFFFFFFFF;
}
