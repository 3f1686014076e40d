using System.Collections.Immutable;
using System.Net;
using Symroute.Host.Netlink.Wire;
using Symroute.Model;

namespace Symroute.Host.Netlink;

/// <summary>
/// Maps RTM_GETROUTE dumps (IPv4, IPv6) to <see cref="Route"/>s as <c>ip -json route show table
/// all</c> shows them (ip/iproute.c, print_route). Built for full Internet tables: no allocation
/// per attribute, gateways and single nexthops interned.
/// </summary>
internal sealed class RouteDecoder : INetlinkMessageSink
{
    private readonly LinkTable _links;
    private readonly AddressCache _addresses = new();
    private readonly Dictionary<NexthopKey, ImmutableArray<Nexthop>> _singleNexthops = [];
    private readonly List<Route> _routes = [];
    private int _dumpStart;

    private readonly record struct NexthopKey(IPAddress? Gateway, int IfIndex, NexthopFlags Flags, uint? Realms);

    /// <summary>The rtm_flags bits print_rt_flags prints: RTNH_F_* and RTM_F_NOTIFY / OFFLOAD / TRAP / OFFLOAD_FAILED.</summary>
    private const uint PrintedRouteFlags = 0x7F | Rtnetlink.RTM_F_NOTIFY | Rtnetlink.RTM_F_OFFLOAD | Rtnetlink.RTM_F_TRAP | Rtnetlink.RTM_F_OFFLOAD_FAILED;

    /// <summary>The rtnh_flags bits print_rt_flags prints for one nexthop of RTA_MULTIPATH.</summary>
    private const uint PrintedNexthopFlags = 0x7F;

    public RouteDecoder(LinkTable links) => _links = links;

    /// <summary>Marks the start of the next family's dump: a restart (<see cref="Reset"/>) forgets only that dump.</summary>
    public void BeginDump() => _dumpStart = _routes.Count;

    public void Reset() => _routes.RemoveRange(_dumpStart, _routes.Count - _dumpStart);

    public ImmutableArray<Route> Build() => [.. _routes];

    public void OnMessage(NetlinkMessage msg)
    {
        if (msg.Type != Rtnetlink.RTM_NEWROUTE || !msg.TryReadHeader(out RtMsg rtm))
            return;
        // Cached clones (exceptions, PMTU) are not routes of any table.
        if ((rtm.Flags & Rtnetlink.RTM_F_CLONED) != 0)
            return;
        Family family;
        if (rtm.Family == LinuxNetlink.AF_INET) family = Family.Inet;
        else if (rtm.Family == LinuxNetlink.AF_INET6) family = Family.Inet6;
        else return;

        uint table = rtm.Table;
        IPAddress? dst = null, src = null, gateway = null, prefSrc = null;
        int oif = 0;
        uint? metric = null, nhId = null, mtu = null, hopLimit = null, expires = null, realms = null;
        RouterPreference? pref = null;
        ImmutableArray<Nexthop> multipath = default;

        var attrs = msg.Attributes(12);
        while (attrs.TryRead(out var a))
        {
            switch (a.Type)
            {
                case Rtnetlink.RTA_TABLE: table = a.U32(); break;
                case Rtnetlink.RTA_DST: dst = a.Address(); break;
                case Rtnetlink.RTA_SRC: src = a.Address(); break;
                case Rtnetlink.RTA_OIF: oif = a.I32(); break;
                case Rtnetlink.RTA_GATEWAY: gateway = _addresses.Get(a.Payload); break;
                case Rtnetlink.RTA_VIA: gateway = Via(a.Payload); break;
                case Rtnetlink.RTA_PRIORITY: metric = a.U32(); break;
                case Rtnetlink.RTA_PREFSRC: prefSrc = _addresses.Get(a.Payload); break;
                case Rtnetlink.RTA_NH_ID: nhId = a.U32(); break;
                case Rtnetlink.RTA_FLOW: realms = a.U32(); break;
                case Rtnetlink.RTA_PREF: pref = (RouterPreference)a.U8(); break;
                case Rtnetlink.RTA_MULTIPATH: multipath = Multipath(a.Payload); break;
                case Rtnetlink.RTA_METRICS:
                    var mx = a.Nested();
                    while (mx.TryRead(out var m))
                    {
                        if (m.Type == Rtnetlink.RTAX_MTU) mtu = m.U32();
                        // print_rta_metrics skips hoplimit -1 (the "use the default" value).
                        else if (m.Type == Rtnetlink.RTAX_HOPLIMIT && m.I32() != -1) hopLimit = m.U32();
                    }
                    break;
                case Rtnetlink.RTA_CACHEINFO:
                    // print_rta_cacheinfo: "expires Nsec" from rta_expires (clock_t) when non-zero.
                    if (a.TryRead(out RtaCacheinfo ci) && ci.Expires != 0)
                        expires = (uint)Math.Max(0, ci.Expires / Rtnetlink.USER_HZ);
                    break;
            }
        }

        ImmutableArray<Nexthop> nexthops;
        var flags = (NexthopFlags)(rtm.Flags & PrintedRouteFlags);
        var routeFlags = NexthopFlags.None;
        bool isMultipath = !multipath.IsDefault;
        if (isMultipath)
        {
            nexthops = multipath;
            routeFlags = flags;
        }
        else if (gateway is null && oif == 0 && realms is null)
        {
            nexthops = []; // IPv4 reject routes: no device
            routeFlags = flags;
        }
        else
        {
            // Single path: rtm_flags carry the nexthop's RTNH_F_* bits (fib_nexthop_info), and the
            // model keeps every printed flag on the nexthop.
            var key = new NexthopKey(gateway, oif, flags, realms);
            if (!_singleNexthops.TryGetValue(key, out nexthops))
                _singleNexthops[key] = nexthops = [new Nexthop(gateway, _links.Name(oif), 1, flags, realms)];
        }

        _routes.Add(new Route(
            Family: family,
            Table: table,
            Type: (RouteType)rtm.Type,
            Dst: Prefix(family, dst, rtm.DstLen),
            Nexthops: nexthops,
            Scope: (Scope)rtm.Scope,
            Protocol: rtm.Protocol,
            Metric: metric,
            PrefSrc: prefSrc,
            Tos: rtm.Tos,
            Src: src is not null || rtm.SrcLen != 0 ? Prefix(family, src, rtm.SrcLen) : null,
            Expires: expires,
            Pref: pref,
            NhId: nhId,
            Mtu: mtu,
            HopLimit: hopLimit,
            Multipath: isMultipath,
            Flags: routeFlags));
    }

    private static IpPrefix Prefix(Family family, IPAddress? address, byte length) =>
        new(address ?? (family == Family.Inet ? IPAddress.Any : IPAddress.IPv6Any), length);

    /// <summary>struct rtvia { __kernel_sa_family_t rtvia_family; __u8 rtvia_addr[]; } (IPv4 routes via an IPv6 gateway).</summary>
    private IPAddress? Via(ReadOnlySpan<byte> payload) => payload.Length >= 2 ? _addresses.Get(payload[2..]) : null;

    /// <summary>RTA_MULTIPATH: rtnexthop entries, each followed by its own attributes (print_rta_multipath).</summary>
    private ImmutableArray<Nexthop> Multipath(ReadOnlySpan<byte> payload)
    {
        var b = ImmutableArray.CreateBuilder<Nexthop>();
        while (payload.Length >= 8)
        {
            var nh = System.Runtime.InteropServices.MemoryMarshal.Read<RtNexthop>(payload);
            if (nh.Len < 8 || nh.Len > payload.Length)
                break;
            IPAddress? gateway = null;
            uint? realms = null;
            var attrs = new NetlinkAttributeReader(payload[8..nh.Len]);
            while (attrs.TryRead(out var a))
            {
                if (a.Type == Rtnetlink.RTA_GATEWAY) gateway = _addresses.Get(a.Payload);
                else if (a.Type == Rtnetlink.RTA_VIA) gateway = Via(a.Payload);
                else if (a.Type == Rtnetlink.RTA_FLOW) realms = a.U32();
            }
            b.Add(new Nexthop(gateway, _links.Name(nh.IfIndex), nh.Hops + 1, (NexthopFlags)(nh.Flags & PrintedNexthopFlags), realms));
            int next = LinuxNetlink.NLMSG_ALIGN(nh.Len);
            payload = next <= payload.Length ? payload[next..] : default;
        }
        return b.ToImmutable();
    }
}
