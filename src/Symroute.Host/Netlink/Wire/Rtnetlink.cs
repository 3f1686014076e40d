namespace Symroute.Host.Netlink.Wire;

#pragma warning disable CA1707

/// <summary>Constants of include/uapi/linux/rtnetlink.h, named as the kernel names them.</summary>
internal static class Rtnetlink
{
    public const ushort RTM_NEWLINK = 16;
    public const ushort RTM_DELLINK = 17;
    public const ushort RTM_GETLINK = 18;
    public const ushort RTM_NEWADDR = 20;
    public const ushort RTM_DELADDR = 21;
    public const ushort RTM_GETADDR = 22;
    public const ushort RTM_NEWROUTE = 24;
    public const ushort RTM_DELROUTE = 25;
    public const ushort RTM_GETROUTE = 26;
    public const ushort RTM_NEWRULE = 32;
    public const ushort RTM_DELRULE = 33;
    public const ushort RTM_GETRULE = 34;

    public const ushort RTA_UNSPEC = 0;
    public const ushort RTA_DST = 1;
    public const ushort RTA_SRC = 2;
    public const ushort RTA_IIF = 3;
    public const ushort RTA_OIF = 4;
    public const ushort RTA_GATEWAY = 5;
    public const ushort RTA_PRIORITY = 6;
    public const ushort RTA_PREFSRC = 7;
    public const ushort RTA_METRICS = 8;
    public const ushort RTA_MULTIPATH = 9;
    public const ushort RTA_PROTOINFO = 10;
    public const ushort RTA_FLOW = 11;
    public const ushort RTA_CACHEINFO = 12;
    public const ushort RTA_SESSION = 13;
    public const ushort RTA_MP_ALGO = 14;
    public const ushort RTA_TABLE = 15;
    public const ushort RTA_MARK = 16;
    public const ushort RTA_MFC_STATS = 17;
    public const ushort RTA_VIA = 18;
    public const ushort RTA_NEWDST = 19;
    public const ushort RTA_PREF = 20;
    public const ushort RTA_ENCAP_TYPE = 21;
    public const ushort RTA_ENCAP = 22;
    public const ushort RTA_EXPIRES = 23;
    public const ushort RTA_PAD = 24;
    public const ushort RTA_UID = 25;
    public const ushort RTA_TTL_PROPAGATE = 26;
    public const ushort RTA_IP_PROTO = 27;
    public const ushort RTA_SPORT = 28;
    public const ushort RTA_DPORT = 29;
    public const ushort RTA_NH_ID = 30;
    public const ushort RTA_FLOWLABEL = 31;

    public const uint RTM_F_NOTIFY = 0x100;
    public const uint RTM_F_CLONED = 0x200;
    public const uint RTM_F_EQUALIZE = 0x400;
    public const uint RTM_F_PREFIX = 0x800;
    public const uint RTM_F_LOOKUP_TABLE = 0x1000;
    public const uint RTM_F_FIB_MATCH = 0x2000;
    public const uint RTM_F_OFFLOAD = 0x4000;
    public const uint RTM_F_TRAP = 0x8000;
    public const uint RTM_F_OFFLOAD_FAILED = 0x20000000;

    public const byte RTNH_F_DEAD = 1;
    public const byte RTNH_F_PERVASIVE = 2;
    public const byte RTNH_F_ONLINK = 4;
    public const byte RTNH_F_OFFLOAD = 8;
    public const byte RTNH_F_LINKDOWN = 16;
    public const byte RTNH_F_UNRESOLVED = 32;
    public const byte RTNH_F_TRAP = 64;

    public const ushort RTAX_LOCK = 1;
    public const ushort RTAX_MTU = 2;
    public const ushort RTAX_HOPLIMIT = 10;

    public const uint RT_TABLE_UNSPEC = 0;
    public const uint RT_TABLE_COMPAT = 252;
    public const uint RT_TABLE_DEFAULT = 253;
    public const uint RT_TABLE_MAIN = 254;
    public const uint RT_TABLE_LOCAL = 255;

    public const uint RTEXT_FILTER_VF = 1 << 0;
    public const uint RTEXT_FILTER_SKIP_STATS = 1 << 3;

    /// <summary>USER_HZ: the clock_t unit of rta_cacheinfo.rta_expires (jiffies_to_clock_t).</summary>
    public const int USER_HZ = 100;
}
