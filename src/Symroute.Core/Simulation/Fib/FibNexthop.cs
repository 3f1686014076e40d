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

    /// <summary>IPv4 nh_saddr: inet_select_addr(dev, gateway, route scope), computed once.</summary>
    public uint Saddr4 { get; set; }
}
