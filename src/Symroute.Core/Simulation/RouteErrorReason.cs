namespace Symroute.Simulation;

/// <summary>Why a lookup failed, finer than the errno (several reasons share EINVAL).</summary>
public enum RouteErrorReason
{
    /// <summary>No rule produced a route (all tables missed, threw or were suppressed): ENETUNREACH.</summary>
    NoRoute,
    /// <summary>An unreachable / prohibit / blackhole route matched (EHOSTUNREACH / EACCES / EINVAL).</summary>
    RejectRoute,
    /// <summary>An unreachable / prohibit / blackhole rule matched (ENETUNREACH / EACCES / EINVAL).</summary>
    RejectRule,
    /// <summary>Output: the requested source is not an address of this host: ENETUNREACH.</summary>
    SourceNotLocal,
    /// <summary>Source multicast, broadcast, 0.0.0.0/8 or loopback where not allowed: EINVAL.</summary>
    MartianSource,
    /// <summary>Destination 0.0.0.0/8, loopback from outside, or a non-unicast route to forward: EINVAL.</summary>
    MartianDestination,
    /// <summary>Input: forwarding is off on the input device: EHOSTUNREACH.</summary>
    ForwardingDisabled,
    /// <summary>Input: the reverse-path (rp_filter) check rejected the source: EINVAL on 6.13+.</summary>
    ReversePathFilter,
    /// <summary>Input: the source is one of this host's addresses and accept_local is off: EINVAL.</summary>
    LocalSource,
    /// <summary>No such device: ENODEV.</summary>
    UnknownDevice,
    /// <summary>Output with oif: the device is down: ENETUNREACH.</summary>
    DeviceDown,
    /// <summary>Input to a multicast group this host has not joined: EINVAL.</summary>
    MulticastNotJoined,
    /// <summary>
    /// The request's <c>ipproto</c> is not TCP, UDP or the family's ICMP: EOPNOTSUPP with the
    /// extack "Unsupported ip proto" (rtm_getroute_parse_ip_proto), before any lookup.
    /// </summary>
    UnsupportedIpProto,
}
