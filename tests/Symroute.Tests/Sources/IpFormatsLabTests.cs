using System.Text;
using System.Text.RegularExpressions;
using Symroute.Model;
using Symroute.Output;
using Symroute.Sources;
using Symroute.Tests.Lab;
using Xunit;

namespace Symroute.Tests.Sources;

/// <summary>
/// The real iproute2 in a namespace with one of everything: its <c>ip -json</c> and plain text
/// outputs parse into the same model, and the writers print that model back as ip did, line by line.
/// </summary>
public class IpFormatsLabTests
{
    private static readonly string[] Setup =
    [
        "link set eth0 up", "link set eth1 up", "link set eth2 up",
        "addr add 192.0.2.10/24 dev eth0",
        "addr add 192.0.2.20/24 dev eth0",
        "addr add 172.16.0.10/16 dev eth0 label eth0:1",
        "addr add 169.254.1.1/16 dev eth0 scope link",
        "addr add 198.51.100.10/24 brd + dev eth1 metric 50",
        "addr add 10.2.2.1 peer 10.2.2.2/32 dev eth2",
        "addr add 10.3.0.1/24 dev eth2 noprefixroute",
        "addr add 10.4.0.1/24 dev eth0 valid_lft 3600 preferred_lft 1800",
        "addr add 2001:db8:1::10/64 dev eth0",
        "addr add 2001:db8:1::30/128 dev eth0",
        "addr add 2001:db8:2::10/64 dev eth1 valid_lft 3600 preferred_lft 0",
        "addr add 2001:db8:3::10/64 dev eth2 noprefixroute",
        "route add default via 192.0.2.1 dev eth0",
        "route add 10.90.0.0/16 nexthop via 192.0.2.1 dev eth0 weight 1 nexthop via 198.51.100.1 dev eth1 weight 2",
        "route add 10.91.0.0/16 via 192.0.2.1 dev eth0 metric 100 proto static src 192.0.2.10",
        "route add 10.92.0.0/16 via 10.2.2.2 dev eth2 onlink",
        "route add unreachable 203.0.113.1",
        "route add prohibit 203.0.113.2 metric 5",
        "route add blackhole 203.0.113.3",
        "route add throw 203.0.113.0/28 table 100",
        "route add default via 198.51.100.1 dev eth1 table 100",
        "route add default via 192.0.2.1 dev eth0 table 300 proto bird",
        "route add 10.50.0.0/24 dev eth0 table 4000 proto 77 tos 0x10",
        "route add 10.51.0.0/24 dev eth0 table 4000 tos 0xb8",
        "route add 10.52.0.0/24 via 192.0.2.1 table 4000 mtu 1400 hoplimit 10",
        "route add 10.53.0.0/24 dev eth0 table 70000 scope 77 proto 200",
        "route add anycast 10.0.0.7 dev eth2",
        "route add 10.62.0.0/16 via inet6 2001:db8:1::1 dev eth0",
        "route add 10.63.0.0/16 via 192.0.2.1 dev eth0 realms 3/4",
        "route add 10.65.0.0/16 nexthop via 192.0.2.1 dev eth0 realms 5 nexthop via 192.0.2.2 dev eth0 onlink",
        "nexthop add id 5 via 192.0.2.1 dev eth0",
        "route add 10.60.0.0/16 nhid 5",
        "rule add from 192.0.2.10 lookup 100 pref 100",
        "rule add not from 10.3.0.0/16 lookup 100 pref 101",
        "rule add to 10.4.0.0/16 tos 0x10 lookup main pref 102",
        "rule add fwmark 0x10/0xff lookup 100 pref 103",
        "rule add fwmark 0x11 lookup 100 pref 104",
        "rule add iif eth0 oif eth1 lookup 100 pref 105",
        "rule add iif nosuchdev lookup 100 pref 106",
        "rule add uidrange 1000-1999 lookup 100 pref 107",
        "rule add ipproto udp sport 1000-2000 dport 53 lookup 100 pref 108",
        "rule add ipproto tcp dport 80-90 sport 22 lookup 300 pref 109",
        "rule add lookup main suppress_prefixlength 0 pref 110",
        "rule add lookup main suppress_ifgroup 5 pref 111",
        "rule add unreachable pref 112",
        "rule add prohibit pref 113",
        "rule add blackhole pref 114",
        "rule add goto 200 pref 115",
        "rule add nop pref 117",
        "rule add tun_id 77 lookup 100 pref 118",
        "rule add lookup 100 proto bird pref 119",
        "rule add l3mdev pref 120",
        "rule add from 192.0.2.77/24 to 10.0.0.0/8 lookup 4000 pref 121",
        "rule add ipproto 99 lookup 100 pref 122",
        "rule add tos 0x08 lookup 100 pref 123",
        "rule add lookup 100",
        "rule add fwmark 0/0xff lookup 100 pref 124",
        "rule add realms 2/3 lookup 100 pref 125",
    ];

    private static readonly string[] Setup6 =
    [
        "route add 2001:db8:99::/48 via 2001:db8:1::1 dev eth0 metric 10 pref high",
        "route add 2001:db8:98::/48 from 2001:db8:1::/64 via 2001:db8:1::1 dev eth0",
        "route add unreachable 2001:db8:97::/48",
        "route add blackhole 2001:db8:96::/48 table 100",
        "route add 2001:db8:95::/48 nexthop via 2001:db8:1::1 dev eth0 nexthop via 2001:db8:2::1 dev eth1 weight 3",
        "route add 2001:db8:94::/48 via 2001:db8:1::1 dev eth0 expires 600000 proto ra",
        "route add default via fe80::1 dev eth0 proto ra metric 1024 pref low hoplimit 64",
        "route add 2001:db8:93::/48 dev eth0 table 200 mtu 1280",
        "rule add from 2001:db8:1::/64 lookup 100 pref 100",
        "rule add to 2001:db8:1::10 lookup 100 pref 101",
        "rule add iif eth0 goto 300 pref 102",
        "rule add unreachable pref 300",
        "rule add ipproto tcp dport 443 lookup 100 pref 301",
    ];

    private static (Netns H, Netns Peer) Build()
    {
        var peer = Netns.Create("fmtp");
        var h = Netns.Create("fmt");
        try
        {
            foreach (var i in new[] { 0, 1, 2 })
                Netns.Run("ip", "link", "add", $"eth{i}", "netns", h.Name, "type", "veth", "peer", "name", $"p{i}", "netns", peer.Name);
            peer.IpBatch(["link set p0 up", "link set p1 up"]); // p2 stays down: eth2 has no carrier
            h.IpBatch(Setup);
            var r = Netns.RunRaw(string.Join('\n', Setup6) + "\n", "ip", "-6", "-n", h.Name, "-batch", "-");
            Assert.True(r.Status == 0, r.Stderr);
            // eth1 loses its carrier: linkdown nexthops, dead too for IPv6 (ignore_routes_with_linkdown).
            h.Exec("sysctl", "-qw", "net.ipv6.conf.eth1.ignore_routes_with_linkdown=1");
            peer.Ip("link", "set", "p1", "down");
            // Carrier changes reach the routes through linkwatch, a moment later.
            for (int i = 0; i < 100 && !h.Ip("route", "show", "10.90.0.0/16").Contains("linkdown", StringComparison.Ordinal); i++)
                Thread.Sleep(100);
            return (h, peer);
        }
        catch
        {
            h.Dispose();
            peer.Dispose();
            throw;
        }
    }

    private sealed record Capture(string AddrJson, string RouteJson, string Route6Json, string RuleJson, string Rule6Json,
        string AddrText, string RouteText, string Route6Text, string RuleText, string Rule6Text);

    private static Capture Take(Netns h) => new(
        h.Ip("-json", "addr", "show"), h.Ip("-json", "route", "show", "table", "all"), h.Ip("-json", "-6", "route", "show", "table", "all"),
        h.Ip("-json", "rule", "show"), h.Ip("-json", "-6", "rule", "show"),
        h.Ip("addr", "show"), h.Ip("route", "show", "table", "all"), h.Ip("-6", "route", "show", "table", "all"),
        h.Ip("rule", "show"), h.Ip("-6", "rule", "show"));

    [RootFact]
    public void Json_and_text_of_a_real_namespace_agree_and_are_reproduced()
    {
        var (h, peer) = Build();
        using var _h = h;
        using var _p = peer;
        var c = Take(h);
        var names = TableNames.Builtin;

        var json = IpJsonSource.Parse(new IpJsonInput(c.AddrJson, c.RouteJson, c.Route6Json, c.RuleJson, c.Rule6Json, names));
        Covers(json);

        string withPrompts = $"$ ip addr show\n{c.AddrText}$ ip rule show\n{c.RuleText}$ ip -6 rule show\n{c.Rule6Text}"
            + $"$ ip route show table all\n{c.RouteText}$ ip -6 route show table all\n{c.Route6Text}";
        string bare = c.Route6Text + c.RuleText + c.AddrText + c.Rule6Text + c.RouteText;
        ModelAssert.Equal(ModelAssert.WithoutTimers(json), ModelAssert.WithoutTimers(IpTextSource.Parse(withPrompts, "p.txt", names)));
        ModelAssert.Equal(ModelAssert.WithoutTimers(json), ModelAssert.WithoutTimers(IpTextSource.Parse(bare, "b.txt", names)));

        // Writers: what ip printed, byte for byte (apart from what the model does not keep).
        Assert.Equal(c.RouteJson, IpJsonWriter.RoutesText(json.Routes, names));
        Assert.Equal(c.Route6Json, IpJsonWriter.RoutesText(json.RoutesOf(Family.Inet6), names));
        Assert.Equal(c.RuleJson, IpJsonWriter.RulesText(json.RulesOf(Family.Inet), names));
        Assert.Equal(c.Rule6Json, IpJsonWriter.RulesText(json.RulesOf(Family.Inet6), names));
        Assert.Equal(Regex.Replace(c.AddrJson, ",\"link_netnsid\":\\d+", ""), IpJsonWriter.LinksText(json));

        var text = IpTextSource.Parse(withPrompts, "p.txt", names);
        IpTextSourceTests.Compare(c.RuleText, IpTextFormatter.FormatRules(text.RulesOf(Family.Inet), names));
        IpTextSourceTests.Compare(c.Rule6Text, IpTextFormatter.FormatRules(text.RulesOf(Family.Inet6), names));
        IpTextSourceTests.Compare(c.RouteText, IpTextFormatter.FormatRoutes(text.Routes, names));
        IpTextSourceTests.Compare(c.Route6Text, IpTextFormatter.FormatRoutes(text.RoutesOf(Family.Inet6), names));
        IpTextSourceTests.Compare(c.AddrText, IpTextFormatter.FormatLinks(text));
        // Each rule and route alone, as the formatter's callers use it.
        foreach (var (rule, line) in text.RulesOf(Family.Inet).Zip(c.RuleText.TrimEnd('\n').Split('\n')))
            Assert.Equal(line, IpTextFormatter.FormatRule(rule, names));

        // A snapshot of it reads back to the same model.
        var back = SnapshotReader.Read(SnapshotWriter.Write(json), "s.json");
        ModelAssert.Equal(json, back);

        if (Environment.GetEnvironmentVariable("UPDATE_FIXTURES") == "1")
            Save(c);
    }

    /// <summary>The namespace really has what the comparison is meant to cover.</summary>
    private static void Covers(HostState s)
    {
        Assert.True(s.Routes.Any(r => r.Multipath && r.Family == Family.Inet && r.Nexthops.Any(n => n.IsLinkDown && n.Weight == 2)), "lab lacks: r => r.Multipath && r.Family == Family.Inet && r.Nexthops.Any(n => n.IsLinkDown && n.Weight == 2)");
        Assert.True(s.Routes.Any(r => r.Multipath && r.Family == Family.Inet6 && r.Nexthops.Any(n => n.IsDead)), "lab lacks: r => r.Multipath && r.Family == Family.Inet6 && r.Nexthops.Any(n => n.IsDead)");
        Assert.True(s.Routes.Any(r => r.Src is not null), "lab lacks: r => r.Src is not null");
        Assert.True(s.Routes.Any(r => r.Expires is > 1000), "lab lacks: r => r.Expires is > 1000");
        Assert.True(s.Routes.Any(r => r.NhId == 5), "lab lacks: r => r.NhId == 5");
        Assert.True(s.Routes.Any(r => r.Table == 70000 && r.Scope == (Scope)77 && r.Protocol == 200), "lab lacks: r => r.Table == 70000 && r.Scope == (Scope)77 && r.Protocol == 200");
        Assert.True(s.Routes.Any(r => r.Tos == 0xb8), "lab lacks: r => r.Tos == 0xb8");
        Assert.True(s.Routes.Any(r => r.FirstNexthop?.Realms == 0x30004), "lab lacks: r => r.FirstNexthop?.Realms == 0x30004");
        Assert.True(s.Routes.Any(r => r.Family == Family.Inet && r.FirstNexthop?.Gateway?.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6), "lab lacks: r => r.Family == Family.Inet && r.FirstNexthop?.Gateway?.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6");
        Assert.True(s.Routes.Any(r => r.HopLimit == 64 && r.Pref == RouterPreference.Low), "lab lacks: r => r.HopLimit == 64 && r.Pref == RouterPreference.Low");
        Assert.True(s.Addresses.Any(a => (a.Flags & AddressFlags.Deprecated) != 0 && a.PreferredLifetime == 0), "lab lacks: a => (a.Flags & AddressFlags.Deprecated) != 0 && a.PreferredLifetime == 0");
        Assert.True(s.Addresses.Any(a => a.ValidLifetime is > 3000 && a.Family == Family.Inet), "lab lacks: a => a.ValidLifetime is > 3000 && a.Family == Family.Inet");
        Assert.True(s.Rules.Any(r => r.Unresolved && r.Goto == 200), "lab lacks: r => r.Unresolved && r.Goto == 200");
        Assert.True(s.Rules.Any(r => r.Family == Family.Inet6 && r.DPort == new PortRange(443, 443)), "lab lacks: r => r.Family == Family.Inet6 && r.DPort == new PortRange(443, 443)");
        Assert.True(s.Links.Any(l => l.Flags.Contains("NO-CARRIER")), "lab lacks: l => l.Flags.Contains('NO-CARRIER')");
    }

    private static void Save(Capture c)
    {
        string dir = Path.Combine(RepoRoot(), "tests", "Symroute.Tests", "Fixtures", "ip", "lab2");
        Directory.CreateDirectory(dir);
        foreach (var (name, text) in new[] { ("addr.json", c.AddrJson), ("route.json", c.RouteJson), ("route6.json", c.Route6Json),
            ("rule.json", c.RuleJson), ("rule6.json", c.Rule6Json), ("addr.txt", c.AddrText), ("route.txt", c.RouteText),
            ("route6.txt", c.Route6Text), ("rule.txt", c.RuleText), ("rule6.txt", c.Rule6Text) })
            File.WriteAllText(Path.Combine(dir, name), text, new UTF8Encoding(false));
    }

    private static string RepoRoot()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "symroute.slnx"))) d = d.Parent;
        return d?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
