using System.Collections.Immutable;
using System.Net;
using Symroute.Model;
using static Symroute.Tests.Planning.TestHosts;

namespace Symroute.Tests.Planning;

/// <summary>
/// The host shapes of docs/scenarios.md as planner inputs: addresses, the kernel's connected
/// routes, gateways, rules and sysctls as a running host would show them.
/// </summary>
public static class ScenarioHosts
{
    public static IReadOnlyList<string> Names { get; } = ["S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9", "S10"];

    public static HostState Get(string name) => name switch
    {
        "S1" => S1(),
        "S2" => S2(),
        "S3" => S3(),
        "S4" => S4(),
        "S5" => S5(),
        "S6" => S6(),
        "S7" => S7(),
        "S8" => S8(),
        "S9" => S9(),
        "S10" => S10(),
        _ => throw new ArgumentException(name),
    };

    private static Sysctls Strict(bool forwarding = false, params (string Dev, Ipv4Conf Conf)[] extra)
    {
        var b = ImmutableSortedDictionary.CreateBuilder<string, Ipv4Conf>(StringComparer.Ordinal);
        b["all"] = new Ipv4Conf(Forwarding: forwarding ? 1 : 0, RpFilter: 1, SrcValidMark: 0, ArpIgnore: 0, ArpAnnounce: 0, ArpFilter: 0);
        b["default"] = b["all"];
        foreach (var (dev, conf) in extra) b[dev] = conf;
        return Sysctls.Empty with { Ipv4 = b.ToImmutable() };
    }

    private static Sysctls PerDev(Sysctls s, params string[] devs)
    {
        var b = s.Ipv4.ToBuilder();
        foreach (var d in devs)
            if (!b.ContainsKey(d)) b[d] = new Ipv4Conf(Forwarding: s.Ipv4For("all").Forwarding, RpFilter: 1, SrcValidMark: 0, ArpIgnore: 0, ArpAnnounce: 0, ArpFilter: 0);
        return s with { Ipv4 = b.ToImmutable() };
    }

    /// <summary>S1: two subnets, eth1's gateway as a second default route (metric 200).</summary>
    public static HostState S1() => TestHosts.S1() with { Sysctls = PerDev(Strict(), "eth0", "eth1"), Hostname = "s1" };

    /// <summary>S2: two NICs in 10.0.1.0/24, both with gateway 10.0.1.1; ARP sysctls at their defaults.</summary>
    public static HostState S2() => MakeHost(
        [Link(1, "lo"), Link(2, "eth0"), Link(3, "eth1")],
        [Addr("eth0", "10.0.1.4/24"), Addr("eth1", "10.0.1.5/24")],
        [Connected("eth0", "10.0.1.0/24", "10.0.1.4"), Connected("eth1", "10.0.1.0/24", "10.0.1.5"),
         Default("10.0.1.1", "eth0"), Default("10.0.1.1", "eth1", 200)],
        sysctls: PerDev(Strict(), "eth0", "eth1")) with { Hostname = "s2" };

    /// <summary>S3: eth1 by DHCP (lease 172.31.40.17/20, gateway 172.31.32.1); a symroute rule for an old lease address is stale.</summary>
    public static HostState S3()
    {
        var names = TableNames.Builtin.Names.SetItem(1002, "symroute-eth1");
        return MakeHost(
            [Link(1, "lo"), Link(2, "eth0"), Link(3, "eth1")],
            [Addr("eth0", "192.168.1.50/24"), Addr("eth1", "172.31.40.17/20") with { ValidLifetime = 3600, PreferredLifetime = 3600, Flags = AddressFlags.None }],
            [Connected("eth0", "192.168.1.0/24", "192.168.1.50"), Connected("eth1", "172.31.32.0/20", "172.31.40.17") with { Protocol = RouteProtocol.Kernel, Metric = 1024 },
             Default("192.168.1.1", "eth0"), Default("172.31.32.1", "eth1", 1024, proto: RouteProtocol.Dhcp)],
            [.. DefaultRules.Take(1), new Rule(Family.Inet, 1200, RuleAction.Lookup, Table: 1002, From: P("172.31.40.9/32"), Protocol: 83), .. DefaultRules.Skip(1)],
            PerDev(Strict(), "eth0", "eth1")) with { TableNames = new TableNames(names), Hostname = "s3" };
    }

    /// <summary>S4: Docker on the host, a published port on eth1's address (DNAT 10.10.20.50:8080 to 172.17.0.2:80), forwarding on.</summary>
    public static HostState S4() => MakeHost(
        [Link(1, "lo"), Link(2, "eth0"), Link(3, "eth1"), Link(4, "docker0") with { Kind = "bridge" }],
        [Addr("eth0", "192.168.1.50/24"), Addr("eth1", "10.10.20.50/24"), Addr("docker0", "172.17.0.1/16")],
        [Connected("eth0", "192.168.1.0/24", "192.168.1.50"), Connected("eth1", "10.10.20.0/24", "10.10.20.50"), Connected("docker0", "172.17.0.0/16", "172.17.0.1"),
         Default("192.168.1.1", "eth0"), Default("10.10.20.1", "eth1", 200)],
        sysctls: PerDev(Strict(forwarding: true), "eth0", "eth1", "docker0")) with { Hostname = "s4" };

    /// <summary>S5: keepalived VIP 10.10.20.100/24 (secondary, address protocol keepalived) on eth1.</summary>
    public static HostState S5() => MakeHost(
        [Link(1, "lo"), Link(2, "eth0"), Link(3, "eth1")],
        [Addr("eth0", "192.168.1.50/24"), Addr("eth1", "10.10.20.50/24"), Addr("eth1", "10.10.20.100/24", AddressFlags.Permanent | AddressFlags.Secondary) with { Protocol = 18 }],
        [Connected("eth0", "192.168.1.0/24", "192.168.1.50"), Connected("eth1", "10.10.20.0/24", "10.10.20.50"),
         Default("192.168.1.1", "eth0"), Default("10.10.20.1", "eth1", 200)],
        sysctls: PerDev(Strict(), "eth0", "eth1")) with { Hostname = "s5" };

    /// <summary>S6: wg-quick full tunnel (table 51820, its two auto-priority rules, src_valid_mark), SSH on eth1.</summary>
    public static HostState S6()
    {
        var s = PerDev(Strict(), "eth0", "eth1", "wg0");
        s = s with { Ipv4 = s.Ipv4.SetItem("all", s.Ipv4For("all") with { SrcValidMark = 1 }) };
        return MakeHost(
            [Link(1, "lo"), Link(2, "eth0"), Link(3, "eth1"), new LinkInfo(4, "wg0", ["POINTOPOINT", "NOARP", "UP", "LOWER_UP"], Mtu: 1420, Kind: "wireguard")],
            [Addr("eth0", "192.168.1.50/24"), Addr("eth1", "10.10.20.50/24"), Addr("wg0", "10.66.0.2/24")],
            [Connected("eth0", "192.168.1.0/24", "192.168.1.50"), Connected("eth1", "10.10.20.0/24", "10.10.20.50"), Connected("wg0", "10.66.0.0/24", "10.66.0.2"),
             Default("192.168.1.1", "eth0"), Default("10.10.20.1", "eth1", 200),
             new Route(Family.Inet, 51820, RouteType.Unicast, IpPrefix.Default(Family.Inet), [new Nexthop(null, "wg0")], Scope.Link, RouteProtocol.Boot)],
            [.. DefaultRules.Take(1),
             new Rule(Family.Inet, 32764, RuleAction.Lookup, Table: RouteTableId.Main, SuppressPrefixLength: 0, Protocol: 0),
             new Rule(Family.Inet, 32765, RuleAction.Lookup, Table: 51820, Not: true, FwMark: 51820, FwMask: 0xffffffff, Protocol: 0),
             .. DefaultRules.Skip(1)],
            s) with { Hostname = "s6" };
    }

    /// <summary>S7: IPv6 on both links, router advertisements from fe80::1 on each (metric 1024).</summary>
    public static HostState S7()
    {
        Route Ra(string dev) => Default("fe80::1", dev, 1024, proto: RouteProtocol.Ra) with { Expires = 1800, Pref = RouterPreference.Medium };
        return MakeHost(
            [Link(1, "lo"), Link(2, "eth0"), Link(3, "eth1")],
            [Addr("eth0", "2001:db8:a::50/64"), Addr("eth1", "2001:db8:b::50/64")],
            [Connected6("eth0", "2001:db8:a::/64"), Connected6("eth1", "2001:db8:b::/64"), Ra("eth0"), Ra("eth1")],
            sysctls: PerDev(Strict(), "eth0", "eth1")) with { Hostname = "s7" };
    }

    /// <summary>S8: eth1 with secondaries .51 and .52 and the routed prefix 10.10.20.64/28 (AnyIP: local route on lo); a symroute rule for the removed .53 is stale.</summary>
    public static HostState S8()
    {
        var names = TableNames.Builtin.Names.SetItem(1001, "symroute-eth0").SetItem(1002, "symroute-eth1");
        var sec = AddressFlags.Permanent | AddressFlags.Secondary;
        return MakeHost(
            [Link(1, "lo"), Link(2, "eth0"), Link(3, "eth1")],
            [Addr("eth0", "192.168.1.50/24"), Addr("eth1", "10.10.20.50/24"), Addr("eth1", "10.10.20.51/24", sec), Addr("eth1", "10.10.20.52/24", sec)],
            [Connected("eth0", "192.168.1.0/24", "192.168.1.50"), Connected("eth1", "10.10.20.0/24", "10.10.20.50"),
             Default("192.168.1.1", "eth0"), Default("10.10.20.1", "eth1", 200),
             new Route(Family.Inet, RouteTableId.Local, RouteType.Local, P("10.10.20.64/28"), [new Nexthop(null, "lo")], Scope.Host, RouteProtocol.Boot)],
            [.. DefaultRules.Take(1), new Rule(Family.Inet, 1203, RuleAction.Lookup, Table: 1002, From: P("10.10.20.53/32"), Protocol: 83), .. DefaultRules.Skip(1)],
            PerDev(Strict(), "eth0", "eth1")) with { TableNames = new TableNames(names), Hostname = "s8" };
    }

    /// <summary>S9: 10.0.0.0/24 on two segments, each with its own gateway.</summary>
    public static HostState S9() => MakeHost(
        [Link(1, "lo"), Link(2, "eth0"), Link(3, "eth1")],
        [Addr("eth0", "10.0.0.5/24"), Addr("eth1", "10.0.0.9/24")],
        [Connected("eth0", "10.0.0.0/24", "10.0.0.5"), Connected("eth1", "10.0.0.0/24", "10.0.0.9"),
         Default("10.0.0.1", "eth0"), Default("10.0.0.254", "eth1", 200)],
        sysctls: PerDev(Strict(), "eth0", "eth1")) with { Hostname = "s9" };

    /// <summary>S10: multi-WAN router: ISP1 on eth0 (default), ISP2 198.51.100.2/30 on eth1, LAN eth2; DNAT 198.51.100.2:443 to 192.168.10.20.</summary>
    public static HostState S10() => MakeHost(
        [Link(1, "lo"), Link(2, "eth0"), Link(3, "eth1"), Link(4, "eth2")],
        [Addr("eth0", "100.64.1.2/30"), Addr("eth1", "198.51.100.2/30"), Addr("eth2", "192.168.10.1/24")],
        [Connected("eth0", "100.64.1.0/30", "100.64.1.2"), Connected("eth1", "198.51.100.0/30", "198.51.100.2"), Connected("eth2", "192.168.10.0/24", "192.168.10.1"),
         Default("100.64.1.1", "eth0"), Default("198.51.100.1", "eth1", 200)],
        sysctls: PerDev(Strict(forwarding: true), "eth0", "eth1", "eth2")) with { Hostname = "s10" };
}
