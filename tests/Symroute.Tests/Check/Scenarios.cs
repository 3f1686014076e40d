using Symroute.Checks;
using Symroute.Model;
using Symroute.Simulation;
using Symroute.Sources.Netfilter;

namespace Symroute.Tests.Check;

/// <summary>
/// The host shapes of docs/scenarios.md (S1-S10) and a few more, built with <see cref="HostBuilder"/>
/// as the kernel would build them, with the findings <c>symroute check</c> must report on each.
/// <see cref="ScenarioFixtureTests"/> writes them as snapshots under Fixtures/scenarios/ and as the
/// demos bundled in the CLI, so fixtures, demos and these definitions cannot drift apart.
/// </summary>
public static class Scenarios
{
    public sealed record Expected(string Code, Severity Severity, string? Interface = null, string? Address = null);

    public sealed record Scenario(string Name, string Description, Func<HostState> Build, Expected[] Findings, bool Demo = true);

    private static readonly DateTimeOffset Captured = new(2025, 1, 15, 3, 0, 0, TimeSpan.Zero);

    /// <summary>eth0 192.168.1.50/24 with the default route; eth1 10.10.20.50/24 whose gateway 10.10.20.1 serves the replication network.</summary>
    private static HostBuilder S1Base(string hostname) => new HostBuilder()
        .Hostname(hostname)
        .AddLink("eth0").AddAddress("eth0", "192.168.1.50/24")
        .AddLink("eth1").AddAddress("eth1", "10.10.20.50/24")
        .Route("add default via 192.168.1.1 dev eth0")
        .Route("add 10.20.0.0/16 via 10.10.20.1 dev eth1");

    /// <summary>The source-rules fix of S1: one table per interface, one rule per address.</summary>
    private static HostBuilder WithSourceRules(this HostBuilder b) => b
        .TableName(101, "uplink0").TableName(102, "uplink1")
        .Route("add 192.168.1.0/24 dev eth0 scope link src 192.168.1.50 table 101")
        .Route("add default via 192.168.1.1 dev eth0 table 101")
        .Route("add 10.10.20.0/24 dev eth1 scope link src 10.10.20.50 table 102")
        .Route("add default via 10.10.20.1 dev eth1 table 102")
        .Rule("add from 192.168.1.50 lookup 101 priority 1000")
        .Rule("add from 10.10.20.50 lookup 102 priority 1001");

    private static HostState Done(this HostBuilder b) => b.Build() with { CapturedAt = Captured, KernelRelease = "6.18.44" };

    private const string DockerNat = """
        *nat
        :PREROUTING ACCEPT [0:0]
        :DOCKER - [0:0]
        -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
        -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
        -A DOCKER -i docker0 -j RETURN
        -A DOCKER -d 10.10.20.50/32 ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80
        COMMIT
        """;

    private const string DockerConnmark = """
        *mangle
        -A PREROUTING -i eth1 -m conntrack --ctstate NEW -j CONNMARK --set-mark 0x1
        -A PREROUTING -j CONNMARK --restore-mark
        COMMIT
        """;

    private static HostBuilder S4Base(string hostname) => S1Base(hostname).WithSourceRules()
        .AddLink("docker0", kind: "bridge").AddAddress("docker0", "172.17.0.1/16")
        .Sysctl("net.ipv4.ip_forward", 1);

    public static IReadOnlyList<Scenario> All { get; } =
    [
        new("single-homed", "One interface, one default route: nothing to report.",
            () => new HostBuilder().Hostname("web1").AddLink("eth0").AddAddress("eth0", "192.168.1.50/24").AddAddress("eth0", "2001:db8:a::50/64")
                .Route("add default via 192.168.1.1 dev eth0").Route("-6 add default via fe80::1 dev eth0 proto ra metric 1024").Done(),
            []),

        new("s1", "S1 before the fix: replies from eth1's address leave eth0.",
            () => S1Base("db1").Done(),
            [
                new("asymmetric-reply", Severity.Critical, "eth1", "10.10.20.50"),
                // A peer on 10.10.20.0/24 that reaches 192.168.1.50 through the router gets its reply straight from eth1.
                new("asymmetric-reply", Severity.Info, "eth0", "192.168.1.50"),
            ]),

        new("s1-fixed", "S1 with source rules: one table per interface.",
            () => S1Base("db1").WithSourceRules().Done(),
            []),

        new("s2", "S2: two NICs in one subnet, both with the gateway 10.0.1.1.",
            () => new HostBuilder().Hostname("nas1")
                .AddLink("eth0").AddAddress("eth0", "10.0.1.4/24")
                .AddLink("eth1").AddAddress("eth1", "10.0.1.5/24")
                .Route("add default via 10.0.1.1 dev eth0 metric 100").Done()
                .WithRoute("default", "10.0.1.1", "eth1", metric: 101),
            [
                new("asymmetric-reply", Severity.Critical, "eth1", "10.0.1.5"),
                new("arp-flux", Severity.Warning, "eth0", "10.0.1.4"),
                new("arp-flux", Severity.Warning, "eth1", "10.0.1.5"),
                new("multiple-default-routes", Severity.Warning, "eth0"),
                new("same-subnet-interfaces", Severity.Warning, "eth1", "10.0.1.5"),
            ]),

        new("s3", "S3: DHCP on eth1; the source rule still names the previous lease's address.",
            () => new HostBuilder().Hostname("app3")
                .AddLink("eth0").AddAddress("eth0", "192.168.1.50/24")
                .AddLink("eth1").AddAddress("eth1", "172.31.40.17/20", flags: AddressFlags.None)
                .Route("add default via 192.168.1.1 dev eth0 metric 100")
                .Route("add default via 172.31.32.1 dev eth1 proto dhcp src 172.31.40.17 metric 1024")
                .TableName(102, "uplink1")
                .Route("add 172.31.32.0/20 dev eth1 scope link table 102")
                .Route("add default via 172.31.32.1 dev eth1 table 102")
                .Rule("add from 172.31.33.9 lookup 102 priority 1001").Done(),
            [
                new("asymmetric-reply", Severity.Critical, "eth1", "172.31.40.17"),
                new("multiple-default-routes", Severity.Warning, "eth0"),
                new("stale-rule", Severity.Warning, null, "172.31.33.9"),
                new("asymmetric-reply", Severity.Info, "eth0", "192.168.1.50"),
            ]),

        new("s4", "S4: Docker publishes 10.10.20.50:8080; source rules exist but the DNAT'd replies leave eth0.",
            () => S4Base("docker1").Done() with { Firewall = IptablesSaveParser.Parse(DockerNat, "iptables-save") },
            [
                new("dnat-asymmetric-reply", Severity.Critical, "eth1", "10.10.20.50"),
                // Containers reaching the host's own addresses: the per-interface tables send the replies to the uplinks.
                new("asymmetric-reply", Severity.Warning, "eth0", "192.168.1.50"),
                new("asymmetric-reply", Severity.Warning, "eth1", "10.10.20.50"),
            ]),

        new("s4-fixed", "S4 with the connmark fix and main-first.",
            () => S4Base("docker1")
                .Rule("add lookup main suppress_prefixlength 0 priority 900")
                .Rule("add fwmark 0x1 lookup 102 priority 950").Done()
                with { Firewall = Merge(IptablesSaveParser.Parse(DockerNat, "iptables-save"), IptablesSaveParser.Parse(DockerConnmark, "iptables-save")) },
            [
                // main-first lets main's connected routes win: peers of the other uplink's subnet are answered directly.
                new("asymmetric-reply", Severity.Info, "eth0", "192.168.1.50"),
                new("asymmetric-reply", Severity.Info, "eth1", "10.10.20.50"),
            ]),

        new("s5", "S5: keepalived VIP 10.10.20.100 on eth1, no source rules yet.",
            () => S1Base("lb1").AddAddress("eth1", "10.10.20.100/24").Done(),
            [
                new("asymmetric-reply", Severity.Critical, "eth1", "10.10.20.50"),
                new("asymmetric-reply", Severity.Critical, "eth1", "10.10.20.100"),
                new("asymmetric-reply", Severity.Info, "eth0", "192.168.1.50"),
            ]),

        new("s6", "S6: wg-quick full tunnel; SSH arrives on eth1.",
            () => S1Base("vpn1")
                .AddLink("wg0", kind: "wireguard").AddAddress("wg0", "10.8.0.2/32")
                .Route("add default dev wg0 table 51820")
                .Rule("add not fwmark 0xca6c lookup 51820")
                .Rule("add lookup main suppress_prefixlength 0")
                .Sysctl("net.ipv4.conf.all.src_valid_mark", 1).Done(),
            [
                new("asymmetric-reply", Severity.Critical, "eth0", "192.168.1.50"),
                new("asymmetric-reply", Severity.Critical, "eth1", "10.10.20.50"),
            ]),

        new("s7", "S7: IPv6 on both links, router advertisements on both.",
            () => new HostBuilder().Hostname("v6host")
                .AddLink("eth0").AddAddress("eth0", "2001:db8:a::50/64")
                .AddLink("eth1").AddAddress("eth1", "2001:db8:b::50/64")
                .Route("-6 add default via fe80::1 dev eth0 proto ra metric 1024 expires 1800")
                .Route("-6 append default via fe80::1 dev eth1 proto ra metric 1024 expires 1800").Done(),
            [
                new("asymmetric-reply", Severity.Critical, "eth1", "2001:db8:b::50"),
                new("multiple-default-routes", Severity.Warning, "eth0"),
                new("asymmetric-reply", Severity.Info, "eth0", "2001:db8:a::50"),
            ]),

        new("s8", "S8: several addresses and a routed prefix on eth1, no source rules.",
            () => S1Base("mail1").AddAddress("eth1", "10.10.20.51/24").AddAddress("eth1", "10.10.20.52/24").AddAddress("eth1", "10.10.20.65/28").Done(),
            [
                new("asymmetric-reply", Severity.Critical, "eth1", "10.10.20.50"),
                new("asymmetric-reply", Severity.Critical, "eth1", "10.10.20.65"),
                new("asymmetric-reply", Severity.Critical, "eth1", "10.10.20.51"),
                new("asymmetric-reply", Severity.Critical, "eth1", "10.10.20.52"),
                new("asymmetric-reply", Severity.Info, "eth0", "192.168.1.50"),
            ]),

        new("s9", "S9: the same 10.0.0.0/24 on two segments.",
            () => new HostBuilder().Hostname("edge9")
                .AddLink("eth0").AddAddress("eth0", "10.0.0.5/24")
                .AddLink("eth1").AddAddress("eth1", "10.0.0.9/24")
                .Route("add default via 10.0.0.1 dev eth0").Done()
                .WithRoute("192.168.50.0/24", "10.0.0.254", "eth1"),
            [
                new("asymmetric-reply", Severity.Critical, "eth1", "10.0.0.9"),
                new("overlapping-subnets", Severity.Critical, "eth1", "10.0.0.9"),
            ]),

        new("s10", "S10: multi-WAN router with a port forward on the second uplink.",
            () => new HostBuilder().Hostname("gw10")
                .AddLink("eth0").AddAddress("eth0", "192.0.2.2/30")
                .AddLink("eth1").AddAddress("eth1", "198.51.100.2/30")
                .AddLink("eth2").AddAddress("eth2", "192.168.10.1/24")
                .Route("add default via 192.0.2.1 dev eth0 metric 100")
                .Route("add default via 198.51.100.1 dev eth1 metric 200")
                .Sysctl("net.ipv4.ip_forward", 1).Done()
                with { Firewall = IptablesSaveParser.Parse("""
                    *nat
                    -A PREROUTING -i eth1 -d 198.51.100.2/32 -p tcp -m tcp --dport 443 -j DNAT --to-destination 192.168.10.20
                    -A POSTROUTING -o eth0 -j MASQUERADE
                    -A POSTROUTING -o eth1 -j MASQUERADE
                    COMMIT
                    """, "iptables-save") },
            [
                new("asymmetric-reply", Severity.Critical, "eth1", "198.51.100.2"),
                new("dnat-asymmetric-reply", Severity.Critical, "eth1", "198.51.100.2"),
                new("multiple-default-routes", Severity.Warning, "eth0"),
            ]),

        // Shapes for single checks (docs/scenarios.md, "More shapes"); fixtures, not demos.
        new("rp-filter-strict", "S1 with strict rp_filter: the host itself drops eth1's off-link clients.",
            () => S1Base("db1").Sysctl("net.ipv4.conf.all.rp_filter", 1).Done(),
            [
                new("asymmetric-reply", Severity.Critical, "eth1", "10.10.20.50"),
                new("rp-filter-drop", Severity.Critical, "eth1", "10.10.20.50"),
                new("asymmetric-reply", Severity.Info, "eth0", "192.168.1.50"),
            ], Demo: false),

        new("rp-filter-loose-masking", "S1 with rp_filter=2: the drops are hidden, the asymmetry stays.",
            () => S1Base("db1").Sysctl("net.ipv4.conf.all.rp_filter", 2).Done(),
            [
                new("asymmetric-reply", Severity.Critical, "eth1", "10.10.20.50"),
                // eth0's replies are symmetric and it has no source rules: its loose setting says nothing.
                new("rp-filter-loose", Severity.Warning, "eth1", "10.10.20.50"),
                new("asymmetric-reply", Severity.Info, "eth0", "192.168.1.50"),
            ], Demo: false),

        new("rp-filter-loose-leftover", "S1 fixed, with rp_filter=2 left over from before the fix.",
            () => S1Base("db1").WithSourceRules().Sysctl("net.ipv4.conf.all.rp_filter", 2).Done(),
            [
                new("rp-filter-loose", Severity.Info, "eth0"),
                new("rp-filter-loose", Severity.Info, "eth1"),
            ], Demo: false),

        new("rp-filter-strict-fixed", "S1 fixed with strict rp_filter: accepted.",
            () => S1Base("db1").WithSourceRules().Sysctl("net.ipv4.conf.all.rp_filter", 1).Done(),
            [], Demo: false),

        new("rule-table-empty", "A source rule whose table was never filled.",
            () => S1Base("db1").Rule("add from 10.10.20.50 lookup 102 priority 1001").Done(),
            [
                new("asymmetric-reply", Severity.Critical, "eth1", "10.10.20.50"),
                new("rule-table-empty", Severity.Warning, "eth1", "10.10.20.50"),
                new("asymmetric-reply", Severity.Info, "eth0", "192.168.1.50"),
            ], Demo: false),

        new("table-missing-connected-route", "S1 fixed, but eth1's table lacks its connected route.",
            () => S1Base("db1")
                .Route("add default via 10.10.20.1 dev eth1 table 102")
                .Rule("add from 10.10.20.50 lookup 102 priority 1001").Done(),
            [
                new("table-missing-connected-route", Severity.Warning, "eth1", "10.10.20.50"),
                new("asymmetric-reply", Severity.Info, "eth0", "192.168.1.50"),
            ], Demo: false),

        new("stale-iif-rule", "A rule naming an interface that was removed.",
            () => S1Base("db1").WithSourceRules().Rule("add iif eth7 lookup 102 priority 1002").Done(),
            [new("stale-rule", Severity.Warning)], Demo: false),

        new("management-nic", "A management NIC without a gateway of its own: informative only.",
            () => new HostBuilder().Hostname("web2")
                .AddLink("eth0").AddAddress("eth0", "192.168.1.50/24")
                .AddLink("eth1").AddAddress("eth1", "172.16.5.10/24")
                .Route("add default via 192.168.1.1 dev eth0").Done(),
            [
                new("asymmetric-reply", Severity.Info, "eth1", "172.16.5.10"),
                new("asymmetric-reply", Severity.Info, "eth0", "192.168.1.50"),
            ], Demo: false),
    ];

    /// <summary>
    /// Adds a main-table IPv4 route the kernel accepts but HostBuilder's gateway check refuses (a
    /// gateway on a subnet that two interfaces share: fib_check_nh_v4_gw looks it up with the
    /// route's oif, so the second interface's connected route qualifies), in trie dump order.
    /// </summary>
    private static HostState WithRoute(this HostState s, string dst, string gateway, string dev, uint? metric = null)
    {
        IpPrefix.TryParse(dst, Family.Inet, out var prefix);
        var route = new Route(Family.Inet, RouteTableId.Main, RouteType.Unicast, prefix!.Value,
            [new Nexthop(System.Net.IPAddress.Parse(gateway), dev)], Scope.Global, RouteProtocol.Boot, metric);
        int at = s.Routes.Select((r, i) => (r, i))
            .Where(x => x.r.Family == Family.Inet && x.r.Table == RouteTableId.Main && Compare(x.r.Dst, route.Dst) <= 0)
            .Select(x => x.i + 1).DefaultIfEmpty(0).Max();
        return s with { Routes = s.Routes.Insert(at, route) };
    }

    private static int Compare(IpPrefix a, IpPrefix b)
    {
        int c = AddressBits.V4(a.Address).CompareTo(AddressBits.V4(b.Address));
        return c != 0 ? c : a.Length.CompareTo(b.Length);
    }

    public static Scenario Get(string name) => All.Single(s => s.Name == name);

    private static Firewall Merge(Firewall a, Firewall b) => new(a.Source, a.NatRules.AddRange(b.NatRules), a.MarkRules.AddRange(b.MarkRules));
}
