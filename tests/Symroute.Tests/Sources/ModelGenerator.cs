using System.Collections.Immutable;
using System.Net;
using Symroute.Model;
using Symroute.Sources;

namespace Symroute.Tests.Sources;

/// <summary>
/// Random host states that iproute2 could print: every field the formats carry, following the
/// conventions the sources share (IPv4 metric null for 0, IPv6 routes with pref, IPv4 labels, …).
/// </summary>
public sealed class ModelGenerator
{
    private readonly Random _r;

    public ModelGenerator(int seed) => _r = new Random(seed);

    public static readonly TableNames Names = new(TableNames.Builtin.Names.Add(100, "isp2").Add(4000, "lab"));

    private static readonly string[] Devs = ["lo", "eth0", "eth1", "eth2", "veth-a", "br0", "wg0", "ens3"];

    private bool P(double p) => _r.NextDouble() < p;

    private T Pick<T>(params T[] items) => items[_r.Next(items.Length)];

    public HostState State()
    {
        int n = _r.Next(1, 6);
        var names = Devs.OrderBy(_ => _r.Next()).Take(n).ToList();
        var links = new List<LinkInfo>();
        int index = 0;
        foreach (var name in names)
        {
            index += _r.Next(1, 4);
            links.Add(Link(index, name, names));
        }
        var addresses = new List<InterfaceAddress>();
        foreach (var l in links)
        {
            for (int i = _r.Next(0, 4); i > 0; i--) addresses.Add(Address(l.Name, Family.Inet));
            for (int i = _r.Next(0, 4); i > 0; i--) addresses.Add(Address(l.Name, Family.Inet6));
        }
        var routes = new List<Route>();
        for (int i = _r.Next(0, 25); i > 0; i--) routes.Add(Route(Family.Inet, names));
        for (int i = _r.Next(0, 15); i > 0; i--) routes.Add(Route(Family.Inet6, names));
        var rules = new List<Rule>();
        rules.AddRange(Enumerable.Range(0, _r.Next(1, 12)).Select(_ => Rule(Family.Inet, names)).OrderBy(x => x.Priority));
        rules.AddRange(Enumerable.Range(0, _r.Next(0, 8)).Select(_ => Rule(Family.Inet6, names)).OrderBy(x => x.Priority));
        return new HostState([.. links], [.. addresses], [.. routes], [.. rules], global::Symroute.Model.Sysctls.Empty, Names);
    }

    public LinkInfo Link(int index, string name, List<string> all)
    {
        bool lo = name == "lo";
        var flags = new List<string>();
        if (P(0.2) && !lo) flags.Add("NO-CARRIER");
        foreach (var f in lo ? new[] { "LOOPBACK", "UP", "LOWER_UP" } : new[] { "BROADCAST", "POINTOPOINT", "MULTICAST", "NOARP", "UP", "LOWER_UP", "M-DOWN" })
            if (lo || P(0.5)) flags.Add(f);
        string? type = lo ? "loopback" : Pick("ether", "ether", "none", "ipip");
        string? addr = type switch { "none" => null, "ipip" => "192.0.2.1", _ => Mac() };
        string? brd = type switch { "none" => null, "ipip" => "0.0.0.0", _ => P(0.9) ? "ff:ff:ff:ff:ff:ff" : null };
        int? linkIndex = null;
        string? link = null;
        if (!lo && P(0.3)) linkIndex = _r.Next(1, 50);
        else if (!lo && P(0.1)) link = Pick(all.Where(x => x != name).DefaultIfEmpty("eth9").ToArray());
        return new LinkInfo(index, name, [.. flags], Pick(1500, 65536, 1420, 9000), Pick<string?>("UP", "DOWN", "UNKNOWN", null),
            P(0.2) ? 5 : 0, P(0.1) ? Pick(all.Where(x => x != name).DefaultIfEmpty("br9").ToArray()) : null, null,
            type, addr, brd, Pick<string?>("noqueue", "fq_codel", "mq", null), P(0.8) ? Pick(1000, 500) : null, linkIndex, link);
    }

    private string Mac() => string.Join(':', Enumerable.Range(0, 6).Select(_ => _r.Next(256).ToString("x2")));

    public IPAddress Addr(Family f)
    {
        if (f == Family.Inet)
            return new IPAddress(new byte[] { (byte)Pick(10, 192, 172, 198, 203, 169, 127), (byte)_r.Next(256), (byte)_r.Next(256), (byte)_r.Next(256) });
        var b = new byte[16];
        if (P(0.2)) { b[0] = 0xfe; b[1] = 0x80; }
        else { b[0] = 0x20; b[1] = 0x01; b[2] = 0x0d; b[3] = 0xb8; }
        for (int i = 4; i < 16; i++) b[i] = P(0.5) ? (byte)0 : (byte)_r.Next(256);
        return new IPAddress(b);
    }

    public IpPrefix Prefix(Family f, int min = 1)
    {
        int max = f == Family.Inet ? 32 : 128;
        return new IpPrefix(Addr(f), _r.Next(min, max + 1));
    }

    public InterfaceAddress Address(string dev, Family f)
    {
        var local = Addr(f);
        int len = f == Family.Inet ? _r.Next(8, 33) : _r.Next(48, 129);
        var flags = AddressFlags.None;
        foreach (var fl in AddressFlagNames.Order)
            if (P(fl == AddressFlags.Permanent ? 0.8 : 0.1)) flags |= fl;
        return new InterfaceAddress(dev, local, len, Pick(Scope.Global, Scope.Link, Scope.Host, Scope.Site, (Scope)42), flags,
            f == Family.Inet && P(0.15) ? Addr(f) : null,
            f == Family.Inet && P(0.3) ? Addr(f) : null,
            f == Family.Inet ? (P(0.8) ? dev : dev + ":" + _r.Next(10)) : null,
            P(0.2) ? (uint)_r.Next(1, 1000) : null,
            P(0.3) ? (uint)_r.Next(0, 100000) : null,
            P(0.3) ? (uint)_r.Next(0, 100000) : null,
            P(0.1) ? (byte)_r.Next(1, 4) : null);
    }

    public Route Route(Family f, List<string> devs)
    {
        var type = Pick(RouteType.Unicast, RouteType.Unicast, RouteType.Unicast, RouteType.Local, RouteType.Broadcast, RouteType.Anycast,
            RouteType.Multicast, RouteType.Blackhole, RouteType.Unreachable, RouteType.Prohibit, RouteType.Throw);
        var dst = P(0.15) ? IpPrefix.Default(f) : Prefix(f).Network();
        bool reject = type is RouteType.Blackhole or RouteType.Unreachable or RouteType.Prohibit or RouteType.Throw;
        ImmutableArray<Nexthop> nhs;
        bool multipath = false;
        var routeFlags = NexthopFlags.None;
        if (reject)
        {
            nhs = f == Family.Inet6 ? [new Nexthop(null, "lo")] : [];
            if (f == Family.Inet && P(0.2)) routeFlags = Flags();
        }
        else if (P(0.2))
        {
            multipath = true;
            nhs = [.. Enumerable.Range(0, _r.Next(1, 4)).Select(_ => new Nexthop(
                P(0.8) ? Gateway(f) : null, Pick(devs.ToArray()), _r.Next(1, 257), Flags(), f == Family.Inet && P(0.2) ? Realms() : null))];
            if (P(0.2)) routeFlags = Flags();
        }
        else
        {
            var gw = P(0.6) ? Gateway(f) : null;
            string? dev = gw is null || P(0.8) ? Pick(devs.ToArray()) : null;
            nhs = [new Nexthop(gw, dev, 1, Flags(), f == Family.Inet && P(0.1) ? Realms() : null)];
        }
        return new Route(f, Pick(RouteTableId.Main, RouteTableId.Main, RouteTableId.Local, RouteTableId.Default, 100u, 4000u, 300u, 70000u), type, dst, nhs,
            Pick(Scope.Global, Scope.Global, Scope.Link, Scope.Host, Scope.Site, (Scope)77),
            Pick(RouteProtocol.Boot, RouteProtocol.Kernel, RouteProtocol.Static, RouteProtocol.Ra, RouteProtocol.Dhcp, (byte)12, (byte)77),
            f == Family.Inet ? (P(0.5) ? null : (uint)_r.Next(1, int.MaxValue)) : (uint)_r.Next(0, 2000),
            P(0.3) ? Addr(f) : null,
            f == Family.Inet && P(0.15) ? Pick((byte)0x10, (byte)0xb8, (byte)0x04, (byte)0x28) : (byte)0,
            f == Family.Inet6 && P(0.1) ? Prefix(f).Network() : null,
            f == Family.Inet6 && P(0.1) ? (uint)_r.Next(0, 100000) : null,
            f == Family.Inet6 ? Pick(RouterPreference.Medium, RouterPreference.High, RouterPreference.Low) : null,
            P(0.05) ? (uint)_r.Next(1, 100) : null,
            P(0.1) ? (uint)_r.Next(68, 9000) : null,
            P(0.1) ? (uint)_r.Next(1, 256) : null,
            multipath, routeFlags);
    }

    private IPAddress Gateway(Family f) =>
        f == Family.Inet && P(0.1) ? Addr(Family.Inet6) : Addr(f);

    private NexthopFlags Flags()
    {
        var flags = NexthopFlags.None;
        if (P(0.7)) return flags;
        foreach (var fl in RouteFlagNames.Order)
            if (P(0.2)) flags |= fl;
        return flags;
    }

    private uint Realms() => ((uint)(P(0.5) ? _r.Next(0, 300) : 0) << 16) | (uint)_r.Next(1, 300);

    public Rule Rule(Family f, List<string> devs)
    {
        var action = Pick(RuleAction.Lookup, RuleAction.Lookup, RuleAction.Lookup, RuleAction.Goto, RuleAction.Nop,
            RuleAction.Blackhole, RuleAction.Unreachable, RuleAction.Prohibit);
        bool l3 = action == RuleAction.Lookup && P(0.05);
        uint? table = action == RuleAction.Lookup && !l3 ? Pick(RouteTableId.Main, RouteTableId.Local, RouteTableId.Default, 100u, 4000u, 12345u) : null;
        uint? fwmark = null, fwmask = null;
        if (P(0.2)) { fwmark = (uint)_r.Next(); fwmask = P(0.5) ? 0xFFFFFFFF : (uint)_r.Next(); }
        PortRange? Ports() => P(0.15) ? (P(0.5) ? new PortRange((ushort)_r.Next(65536), (ushort)_r.Next(65536)) : new PortRange(53, 53)) : null;
        string? iif = P(0.2) ? Pick(devs.Append("nosuch").ToArray()) : null;
        string? oif = P(0.1) ? Pick(devs.Append("gone0").ToArray()) : null;
        var rule = new Rule(f, (uint)_r.Next(0, 40000), action, table,
            P(0.1),
            P(0.3) ? Prefix(f) : null,
            P(0.2) ? Prefix(f) : null,
            P(0.1) ? Pick((byte)0x10, (byte)0x08, (byte)0xb8) : null,
            fwmark, fwmask, iif, oif,
            P(0.1) ? new UidRange((uint)_r.Next(0, 1000), (uint)_r.Next(1000, 70000)) : null,
            P(0.15) ? Pick((byte)6, (byte)17, (byte)99, (byte)132) : null,
            Ports(), Ports(),
            P(0.05) ? (ulong)_r.NextInt64() : null,
            l3,
            action == RuleAction.Goto ? (uint)_r.Next(1, 40000) : null,
            table is not null && P(0.2) ? _r.Next(0, 129) : null,
            table is not null && P(0.1) ? _r.Next(0, 10) : null,
            Pick((byte)0, (byte)0, (byte)4, (byte)12, (byte)77),
            P(0.05) ? (byte)_r.Next(0, 64) : null,
            f == Family.Inet && P(0.1) ? Realms() : null,
            iif is not null && P(0.3),
            oif is not null && P(0.3),
            action == RuleAction.Goto && P(0.5));
        if (rule.Protocol is 0) rule = rule with { Protocol = RuleDefaults.UnprintedProtocol(rule) };
        return rule;
    }

    /// <summary>The state with a real host's rule lists: the kernel's default rules around the others.</summary>
    public static HostState WithDefaultRules(HostState s)
    {
        Rule D(Family f, uint prio, uint table) => new(f, prio, RuleAction.Lookup, table, Protocol: RouteProtocol.Kernel);
        var v4 = s.RulesOf(Family.Inet).Select(r => r with { Priority = 1 + r.Priority % 32765 }).OrderBy(r => r.Priority);
        var v6 = s.RulesOf(Family.Inet6).Select(r => r with { Priority = 1 + r.Priority % 32765 }).OrderBy(r => r.Priority);
        return s with
        {
            Rules = [D(Family.Inet, 0, 255), .. v4, D(Family.Inet, 32766, 254), D(Family.Inet, 32767, 253),
                     D(Family.Inet6, 0, 255), .. v6, D(Family.Inet6, 32766, 254)],
        };
    }

    public global::Symroute.Model.Sysctls Sysctls()
    {
        var v4 = ImmutableSortedDictionary.CreateBuilder<string, Ipv4Conf>(StringComparer.Ordinal);
        var v6 = ImmutableSortedDictionary.CreateBuilder<string, Ipv6Conf>(StringComparer.Ordinal);
        int? V() => P(0.6) ? _r.Next(-1, 3) : null;
        foreach (var k in new[] { "all", "default" }.Concat(Devs.Take(_r.Next(0, 4))))
        {
            v4[k] = new Ipv4Conf(V(), V(), V(), V(), V(), V(), V(), V(), V(), V(), V(), V());
            if (P(0.7)) v6[k] = new Ipv6Conf(V(), V(), V(), V(), V(), V(), V());
        }
        return new global::Symroute.Model.Sysctls(v4.ToImmutable(), v6.ToImmutable(), V(), P(0.3) ? _r.Next() : null);
    }
}
