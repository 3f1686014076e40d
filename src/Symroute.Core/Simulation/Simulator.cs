using System.Net;
using System.Net.Sockets;
using Symroute.Model;

namespace Symroute.Simulation;

/// <summary>
/// The kernel's routing decisions for one <see cref="HostState"/>, offline: what <c>ip route get</c>
/// would answer on that host (Linux 6.18 semantics, see docs/linux-routing-semantics.md).
/// Build it once per state (it indexes tables, rules, addresses and sysctls); every method is pure,
/// thread-safe and allocates nothing but its result unless an <see cref="ExplainTrace"/> is given.
/// </summary>
/// <remarks>
/// Not reproduced: the ECMP flow hash (results say <see cref="RouteDecision.MultipathChoiceUncertain"/>),
/// neighbour (ARP/ND) state, VRFs (l3mdev rules never match), IPsec, multicast group membership other
/// than 224.0.0.1, realms, nexthop objects' groups (a route's nexthops are used as listed).
/// </remarks>
public sealed class Simulator
{
    private readonly HostIndex _h;
    private readonly PolicyRouting _policy;
    private readonly Ipv4Routing _v4;
    private readonly Ipv6Routing _v6;

    public Simulator(HostState state)
        : this(state, HostIndex.DefaultScanThreshold)
    {
    }

    /// <summary>A simulator that scans tables of <paramref name="scanThreshold"/> routes or more before indexing them (tests compare both ways).</summary>
    internal Simulator(HostState state, int scanThreshold)
    {
        _h = new HostIndex(state, scanThreshold);
        _policy = new PolicyRouting(_h);
        _v4 = new Ipv4Routing(_h, _policy);
        _v6 = new Ipv6Routing(_h, _policy);
    }

    public HostState State => _h.State;

    /// <summary>
    /// Whether the IPv4 local table is still merged into main (no custom rule was ever added): then
    /// lookups use the kernel's fast path and <c>route get</c> prints no <c>table local</c>.
    /// </summary>
    public bool LocalTableMerged => _h.Merged;

    /// <summary>
    /// <c>ip route get</c>: an input lookup when <see cref="RouteQuery.Iif"/> is set, else an output
    /// lookup. Unknown devices give <see cref="Errno.ENODEV"/> (the CLI reports them as ip does).
    /// </summary>
    public RouteResult RouteGet(RouteQuery query, ExplainTrace? trace = null)
    {
        // inet_rtm_getroute / inet6_rtm_getroute check RTA_IP_PROTO before any lookup
        // (rtm_getroute_parse_ip_proto): TCP, UDP, and ICMP for IPv4 or ICMPv6 for IPv6 only.
        if (query.IpProto is byte p && p is not (IpProto.Tcp or IpProto.Udp)
            && p != (query.Family == Family.Inet ? IpProto.Icmp : IpProto.Icmpv6))
            return new RouteError(query, Errno.EOPNOTSUPP, RouteErrorReason.UnsupportedIpProto) { Extack = "Unsupported ip proto" };
        return query.IsInput ? Input(query, trace) : Output(query, trace);
    }

    /// <summary>
    /// Output lookup: the route of a packet this host sends (a reply, a connection it opens), with
    /// source address selection. <see cref="RouteQuery.Iif"/> is ignored.
    /// </summary>
    public RouteResult Output(RouteQuery query, ExplainTrace? trace = null) =>
        query.Family == Family.Inet ? _v4.Output(query, trace) : _v6.Output(query, trace);

    /// <summary>
    /// Input lookup: a packet from <see cref="RouteQuery.From"/> received on <see cref="RouteQuery.Iif"/>:
    /// martian checks, local delivery or forwarding (per input device), and for IPv4 the rp_filter
    /// reverse-path check, whose details are in <see cref="RouteDecision.ReversePath"/> or
    /// <see cref="RouteError.ReversePath"/>.
    /// </summary>
    public RouteResult Input(RouteQuery query, ExplainTrace? trace = null)
    {
        if (query.Iif is null)
            throw new ArgumentException("an input lookup needs Iif", nameof(query));
        return query.Family == Family.Inet ? _v4.Input(query, trace) : _v6.Input(query, trace);
    }

    /// <summary>
    /// The IPv4 reverse-path check alone (fib_validate_source) for a packet from
    /// <paramref name="source"/> to <paramref name="destination"/> received on <paramref name="iif"/>.
    /// <paramref name="egress"/> is the device the packet is forwarded out of, null when it is
    /// delivered locally. <paramref name="packet"/> supplies mark, tos, protocol and ports (its
    /// addresses and devices are ignored). IPv6 has no rp_filter: always accepted.
    /// </summary>
    public ReversePathResult ReversePath(IPAddress source, IPAddress destination, string iif, string? egress = null, RouteQuery? packet = null, ExplainTrace? trace = null)
    {
        if (source.AddressFamily == AddressFamily.InterNetworkV6)
            return new ReversePathResult(true, ReversePathOutcome.AcceptedWithoutCheck, 0, iif, source, destination);
        int dev = _h.FindLink(iif) ?? throw new ArgumentException($"no device {iif}", nameof(iif));
        int oif = egress is null ? -1 : _h.FindLink(egress) ?? throw new ArgumentException($"no device {egress}", nameof(egress));
        var q = packet ?? new RouteQuery(destination, source, iif);
        return _v4.ValidateSource(AddressBits.V4(source), AddressBits.V4(destination), q.Tos ?? 0, oif, dev, q, trace).Result;
    }

    /// <summary>The IPv4 sysctls of a device as the kernel combines them with <c>all</c>.</summary>
    public EffectiveIpv4Conf Ipv4Conf(string dev) =>
        _h.FindLink(dev) is int id ? _h.Links[id].Conf4 : EffectiveIpv4Conf.For(_h.State.Sysctls, dev);

    /// <summary>The IPv6 sysctls of a device as routing reads them.</summary>
    public EffectiveIpv6Conf Ipv6Conf(string dev) =>
        _h.FindLink(dev) is int id ? _h.Links[id].Conf6 : EffectiveIpv6Conf.For(_h.State.Sysctls, dev);

    /// <summary>
    /// The device that owns a local IPv4 address (__ip_dev_find: the address list, then a local route),
    /// or for IPv6 the device carrying the address; null when the address is not this host's.
    /// </summary>
    public string? DeviceOfLocalAddress(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
            return _v4.DeviceOfLocal(AddressBits.V4(address)) is int d ? _h.Links[d].Name : null;
        var bits = AddressBits.V6(address);
        foreach (var l in _h.Links)
            foreach (var a in l.V6)
                if (a.Bits == bits)
                    return l.Name;
        return null;
    }

    /// <summary>Whether a device of that name exists in the state.</summary>
    public bool HasDevice(string name) => _h.FindLink(name) is not null;
}
