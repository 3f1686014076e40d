using System.Net.Sockets;
using System.Runtime.InteropServices;
using Symroute.Host.Netlink.Wire;
using Symroute.Model;

namespace Symroute.Host.Netlink;

/// <summary>
/// Encodes a <see cref="Route"/> as RTM_NEWROUTE / RTM_DELROUTE, the inverse of
/// <see cref="RouteDecoder"/> (and what ip/iproute.c iproute_modify sends). Deletions carry every
/// attribute too, so the kernel removes exactly this route: fib_table_delete (net/ipv4/fib_trie.c)
/// matches tos, priority, type, scope, protocol, prefsrc and the nexthop; ip6_route_del
/// (net/ipv6/route.c) the metric, gateway, device and protocol.
/// </summary>
internal static class RouteEncoder
{
    public static byte[] Encode(Route r, bool add, Func<string, int> ifindex)
    {
        ushort flags = LinuxNetlink.NLM_F_REQUEST | LinuxNetlink.NLM_F_ACK;
        if (add) flags |= NlmFlags.Create | NlmFlags.Excl;
        var m = new NetlinkMessageBuilder(add ? Rtnetlink.RTM_NEWROUTE : Rtnetlink.RTM_DELROUTE, flags);
        var nh = !r.Multipath && r.Nexthops.Length == 1 ? r.Nexthops[0] : null;
        uint rtmFlags = nh is not null && nh.IsOnLink ? Rtnetlink.RTNH_F_ONLINK : 0u;
        m.Header(new RtMsg
        {
            Family = (byte)r.Family,
            DstLen = (byte)r.Dst.Length,
            SrcLen = (byte)(r.Src?.Length ?? 0),
            Tos = r.Tos,
            Table = r.Table < 256 ? (byte)r.Table : (byte)Rtnetlink.RT_TABLE_UNSPEC,
            Protocol = r.Protocol,
            Scope = (byte)r.Scope,
            Type = (byte)r.Type,
            Flags = rtmFlags,
        });
        m.U32(Rtnetlink.RTA_TABLE, r.Table);
        if (r.Dst.Length > 0) m.Address(Rtnetlink.RTA_DST, r.Dst.Network().Address);
        if (r.Src is { } src && src.Length > 0) m.Address(Rtnetlink.RTA_SRC, src.Network().Address);
        if (r.Metric is uint metric) m.U32(Rtnetlink.RTA_PRIORITY, metric);
        if (r.PrefSrc is { } prefsrc) m.Address(Rtnetlink.RTA_PREFSRC, prefsrc);
        if (r.Pref is { } pref) m.U8(Rtnetlink.RTA_PREF, (byte)pref);
        if (add && r.Expires is uint expires && r.Family == Family.Inet6) m.U32(Rtnetlink.RTA_EXPIRES, expires);
        if (r.Mtu is not null || r.HopLimit is not null)
        {
            int mx = m.BeginNested(Rtnetlink.RTA_METRICS);
            if (r.Mtu is uint mtu) m.U32(Rtnetlink.RTAX_MTU, mtu);
            if (r.HopLimit is uint hl) m.U32(Rtnetlink.RTAX_HOPLIMIT, hl);
            m.EndNested(mx);
        }

        if (r.NhId is uint nhid)
            m.U32(Rtnetlink.RTA_NH_ID, nhid);
        else if (nh is not null)
        {
            // IPv6 reject routes report RTA_OIF lo; ip adds them without a device.
            if (nh.Dev is { } dev && !(r.IsError && r.Family == Family.Inet6)) m.U32(Rtnetlink.RTA_OIF, (uint)ifindex(dev));
            Gateway(m, r.Family, nh);
            if (nh.Realms is uint realms) m.U32(Rtnetlink.RTA_FLOW, realms);
        }
        else if (r.Nexthops.Length > 0)
        {
            int mp = m.BeginNested(Rtnetlink.RTA_MULTIPATH);
            foreach (var hop in r.Nexthops)
            {
                var rtnh = new RtNexthop
                {
                    Flags = hop.IsOnLink ? Rtnetlink.RTNH_F_ONLINK : (byte)0,
                    Hops = (byte)Math.Clamp(hop.Weight - 1, 0, 255),
                    IfIndex = hop.Dev is { } d ? ifindex(d) : 0,
                };
                int at = m.Raw(MemoryMarshal.AsBytes(new ReadOnlySpan<RtNexthop>(in rtnh)));
                Gateway(m, r.Family, hop);
                if (hop.Realms is uint realms) m.U32(Rtnetlink.RTA_FLOW, realms);
                m.PatchU16(at, (ushort)(m.Length - at));
            }
            m.EndNested(mp);
        }
        return m.ToArray();
    }

    private static void Gateway(NetlinkMessageBuilder m, Family family, Nexthop nh)
    {
        if (nh.Gateway is not { } gw)
            return;
        bool v6 = gw.AddressFamily == AddressFamily.InterNetworkV6;
        if (v6 == (family == Family.Inet6))
        {
            m.Address(Rtnetlink.RTA_GATEWAY, gw);
            return;
        }
        // struct rtvia { family; addr[] }: an IPv4 route via an IPv6 gateway.
        Span<byte> via = stackalloc byte[18];
        ushort f = (ushort)(v6 ? LinuxNetlink.AF_INET6 : LinuxNetlink.AF_INET);
        MemoryMarshal.Write(via, in f);
        gw.TryWriteBytes(via[2..], out int n);
        m.Bytes(Rtnetlink.RTA_VIA, via[..(2 + n)]);
    }
}
