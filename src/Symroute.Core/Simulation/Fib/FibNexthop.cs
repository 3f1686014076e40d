using System.Net;
using Symroute.Model;

namespace Symroute.Simulation.Fib;

/// <summary>One nexthop of a <see cref="FibEntry"/> (fib_nh / fib6_nh).</summary>
internal sealed class FibNexthop
{
    public FibNexthop(Nexthop model, int index, int devId, UInt128 gateway, bool hasGateway, bool dead, bool linkDown)
    {
        Model = model;
        Index = index;
        DevId = devId;
        Gateway = gateway;
        HasGateway = hasGateway;
        Dead = dead;
        LinkDown = linkDown;
        HostScope = !hasGateway;
    }

    public Nexthop Model { get; }

    /// <summary>Position in the route's nexthop list.</summary>
    public int Index { get; }

    /// <summary>Device id, or -1 when the route names no (known) device.</summary>
    public int DevId { get; }

    public UInt128 Gateway { get; }

    public bool HasGateway { get; }

    public IPAddress? GatewayIp => Model.Gateway;

    /// <summary>RTNH_F_DEAD: the device is administratively down.</summary>
    public bool Dead { get; }

    /// <summary>RTNH_F_LINKDOWN: the device has no carrier.</summary>
    public bool LinkDown { get; }

    /// <summary>
    /// IPv4 fib_nh_scope is host or wider: a nexthop without gateway (fib_check_nh_nongw), one of a
    /// local route, or a gateway that resolved to a local address of the host (fib_check_nh_v4_gw
    /// takes the scope of the route the gateway resolves to). rt_set_nexthop uses the gateway only
    /// of link-scope nexthops, and __fib_validate_source reports the source on-link for these.
    /// </summary>
    public bool HostScope { get; set; }

    /// <summary>The gateway is used for forwarding (rt_uses_gateway): IPv4 only with a link-scope nexthop.</summary>
    public bool UsesGateway => HasGateway && !HostScope;

    /// <summary>IPv4 nh_saddr: inet_select_addr(dev, gateway, route scope), computed once.</summary>
    public uint Saddr4 { get; set; }
}
