namespace Symroute.Model;

/// <summary>Route type, numbered as the kernel's RTN_* constants (include/uapi/linux/rtnetlink.h).</summary>
public enum RouteType : byte
{
    Unspec = 0,
    Unicast = 1,
    Local = 2,
    Broadcast = 3,
    Anycast = 4,
    Multicast = 5,
    Blackhole = 6,
    Unreachable = 7,
    Prohibit = 8,
    Throw = 9,
    Nat = 10,
    XResolve = 11,
}
