using System.Net;
using System.Numerics;
using Symroute.Model;

namespace Symroute.Tests.Differential;

/// <summary>
/// Deterministic random queries for a configuration, biased toward the addresses that make
/// routing decisions interesting: own addresses, gateways, subnet and prefix edges, broadcast,
/// multicast, loopback, 0.0.0.0.
/// </summary>
public sealed class QueryGenerator
{
    private readonly Random _r;
    private readonly DiffConfig _c;
    private ConfigKnowledge K => _c.Knowledge;

    private static readonly string[] SpecialV4 = ["0.0.0.0", "255.255.255.255", "224.0.0.1", "224.0.0.5", "239.1.2.3", "127.0.0.1", "127.0.0.2"];
    private static readonly string[] FamousV4 = ["8.8.8.8", "8.8.4.4", "1.1.1.1", "10.50.1.200", "172.16.5.9", "198.18.0.1"];
    private static readonly string[] SpecialV6 = ["::", "::1", "ff02::1", "ff05::2", "fe80::2", "fe80::1", "2001:4860:4860::8888", "2606:4700::1111", "64:ff9b::808:808"];

    private QueryGenerator(DiffConfig c)
    {
        _c = c;
        _r = new Random(unchecked(c.Seed * 31 + 17));
    }

    public static IReadOnlyList<DiffQuery> Generate(DiffConfig c, int count)
    {
        var g = new QueryGenerator(c);
        var list = new List<DiffQuery>(count);
        for (int i = 0; i < count; i++) list.Add(g.Next());
        return list;
    }

    private bool P(double p) => _r.NextDouble() < p;

    private T Pick<T>(IReadOnlyList<T> items) => items[_r.Next(items.Count)];

    private DiffQuery Next()
    {
        bool v6 = P(0.35);
        bool input = P(0.3);
        var dst = v6 ? DstV6() : DstV4();
        IPAddress? from;
        string? iif = null, oif = null;
        if (input)
        {
            iif = Pick(_c.Devices);
            double v = _r.NextDouble();
            from = v < 0.08 ? null
                : v < 0.6 ? Remote(v6)
                : v < 0.78 ? Own(v6)
                : v < 0.85 ? (v6 ? IPAddress.IPv6Any : IPAddress.Any)
                : v < 0.9 ? IPAddress.Parse(v6 ? "ff02::1" : "224.0.0.9")
                : v < 0.93 ? IPAddress.Parse(v6 ? "::1" : "127.0.0.1")
                : v6 ? DstV6() : DstV4();
        }
        else
        {
            double v = _r.NextDouble();
            from = v < 0.45 ? null
                : v < 0.77 ? Own(v6)
                : v < 0.87 ? Remote(v6)
                : v < 0.91 ? (v6 ? IPAddress.IPv6Any : IPAddress.Any)
                : v < 0.94 ? IPAddress.Parse(v6 ? "::1" : "127.0.0.1")
                : v < 0.96 ? IPAddress.Parse(v6 ? "ff02::1" : "224.0.0.5")
                : null;
            if (P(0.15))
            {
                double o = _r.NextDouble();
                oif = o < 0.85 ? Pick(_c.Devices) : o < 0.97 ? "lo" : "ghost9";
            }
        }
        uint? mark = P(0.2) ? (P(0.8) ? Pick(K.Marks) : (uint)_r.Next(1, 0x200)) : null;
        byte? tos = P(v6 ? 0.03 : 0.1) ? Pick(K.Tos) : null;
        // IPv6 takes ipv6-icmp; "icmp" there is refused by the kernel (rtm_getroute_parse_ip_proto), kept rare.
        string? proto = P(0.2) ? (v6 ? Pick(new[] { "tcp", "udp", "ipv6-icmp", "tcp", "udp", "ipv6-icmp", "icmp" }) : Pick(new[] { "tcp", "udp", "icmp" })) : null;
        ushort? sport = P(0.2) ? PortNear() : null;
        ushort? dport = P(0.2) ? PortNear() : null;
        uint? uid = P(input ? 0.05 : 0.2) ? Pick(K.Uids) : null;
        return new DiffQuery(dst, from, iif, oif, mark, tos, proto, sport, dport, uid);
    }

    private ushort PortNear()
    {
        int p = Pick(K.Ports) + Pick(new[] { -1, 0, 0, 0, 1 });
        return (ushort)Math.Clamp(p, 1, 65535);
    }

    private IPAddress Own(bool v6)
    {
        var l = v6 ? K.OwnV6 : K.OwnV4;
        return l.Length > 0 ? Pick(l) : Remote(v6);
    }

    private IPAddress Remote(bool v6)
    {
        double v = _r.NextDouble();
        var gws = v6 ? K.GatewaysV6 : K.GatewaysV4;
        if (v < 0.4 && gws.Length > 0) return Pick(gws);
        if (v < 0.8) return InsidePrefix(v6);
        return v6 ? RandomV6() : RandomV4();
    }

    private IPAddress DstV4()
    {
        double v = _r.NextDouble();
        if (v < 0.2 && K.OwnV4.Length > 0) return Pick(K.OwnV4);
        if (v < 0.35 && K.GatewaysV4.Length > 0) return Pick(K.GatewaysV4);
        if (v < 0.6) return PrefixEdge(false);
        if (v < 0.75) return IPAddress.Parse(Pick(SpecialV4));
        if (v < 0.85) return IPAddress.Parse(Pick(FamousV4));
        return RandomV4();
    }

    private IPAddress DstV6()
    {
        double v = _r.NextDouble();
        if (v < 0.2 && K.OwnV6.Length > 0) return Pick(K.OwnV6);
        if (v < 0.35 && K.GatewaysV6.Length > 0) return Pick(K.GatewaysV6);
        if (v < 0.65) return PrefixEdge(true);
        if (v < 0.85) return IPAddress.Parse(Pick(SpecialV6));
        return RandomV6();
    }

    private IPAddress RandomV4()
    {
        var b = new byte[4];
        _r.NextBytes(b);
        return new IPAddress(b);
    }

    private IPAddress RandomV6()
    {
        var b = new byte[16];
        _r.NextBytes(b);
        b[0] = 0x20; b[1] = (byte)(P(0.5) ? 0x01 : 0x0d);
        return new IPAddress(b);
    }

    private IPAddress InsidePrefix(bool v6)
    {
        var l = v6 ? K.PrefixesV6 : K.PrefixesV4;
        if (l.Length == 0) return v6 ? RandomV6() : RandomV4();
        var p = Pick(l);
        return Offset(p, (BigInteger)_r.Next(1, 1000) % HostCount(p));
    }

    /// <summary>Network address, first/last host, broadcast, one below and one above a prefix, or inside.</summary>
    private IPAddress PrefixEdge(bool v6)
    {
        var l = v6 ? K.PrefixesV6 : K.PrefixesV4;
        if (l.Length == 0) return v6 ? RandomV6() : RandomV4();
        var p = Pick(l).Network();
        BigInteger size = HostCount(p);
        return _r.Next(6) switch
        {
            0 => p.Address,
            1 => Offset(p, BigInteger.Min(1, size - 1)),
            2 => Offset(p, size - 1),
            3 => Offset(p, size),
            4 => Offset(p, -1),
            _ => Offset(p, (BigInteger)_r.Next(0, int.MaxValue) % size),
        };
    }

    private static BigInteger HostCount(IpPrefix p) => BigInteger.One << (p.MaxLength - p.Length);

    private static IPAddress Offset(IpPrefix p, BigInteger delta)
    {
        var bytes = p.Address.GetAddressBytes();
        var v = new BigInteger(bytes, isUnsigned: true, isBigEndian: true) + delta;
        BigInteger mod = BigInteger.One << (bytes.Length * 8);
        v = ((v % mod) + mod) % mod;
        var raw = v.ToByteArray(isUnsigned: true, isBigEndian: true);
        var outb = new byte[bytes.Length];
        raw.AsSpan().CopyTo(outb.AsSpan(outb.Length - raw.Length));
        return new IPAddress(outb);
    }
}
