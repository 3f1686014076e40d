using Symroute.Host.Netlink;
using Symroute.Model;
using Symroute.Sources;
using Symroute.Tests.Lab;
using Xunit;

namespace Symroute.Tests.Netlink;

/// <summary>
/// A namespace with one of everything the netlink reader maps: veth links into a peer namespace
/// (one without carrier, one pair inside the namespace with its peer down), IPv4/IPv6 addresses
/// (secondary, labelled, noprefixroute, metric, peer, broadcast, deprecated, expiring), routes
/// of every type in several tables (ids above 255 too) with multipath, linkdown, onlink, tos,
/// metrics, nexthop objects, IPv6 source-specific / pref / expires, and rules with every selector
/// and action.
/// </summary>
internal static class NetlinkLab
{
    /// <summary>What <c>ip -d -json</c> prints for the namespace: the expectation for the reader.</summary>
    public sealed record IpOutputs(string Addr, string Route, string Rule4, string Rule6)
    {
        public static IpOutputs Of(Netns ns) => new(
            ns.Ip("-d", "-json", "addr", "show"),
            ns.Ip("-d", "-json", "route", "show", "table", "all"),
            ns.Ip("-d", "-json", "rule", "show"),
            ns.Ip("-d", "-json", "-6", "rule", "show"));

        public void Save(string dir)
        {
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "ip-addr.json"), Addr);
            File.WriteAllText(Path.Combine(dir, "ip-route.json"), Route);
            File.WriteAllText(Path.Combine(dir, "ip-rule4.json"), Rule4);
            File.WriteAllText(Path.Combine(dir, "ip-rule6.json"), Rule6);
        }

        public static IpOutputs Load(string dir) => new(
            File.ReadAllText(Path.Combine(dir, "ip-addr.json")),
            File.ReadAllText(Path.Combine(dir, "ip-route.json")),
            File.ReadAllText(Path.Combine(dir, "ip-rule4.json")),
            File.ReadAllText(Path.Combine(dir, "ip-rule6.json")));
    }

    /// <summary>The scenario really produced what it is meant to cover (so the comparison is not vacuous).</summary>
    public static void AssertCoverage(RtnlState s)
    {
        Assert.Contains(s.Links, l => l.Flags.Contains("M-DOWN"));
        Assert.Contains(s.Links, l => l.Name == "eth3" && l.Flags[0] == "NO-CARRIER");
        Assert.Contains(s.Links, l => l.Name == "eth2" && l.Group == 5);
        Assert.Contains(s.Addresses, a => a.IsSecondary && a.Label == "eth0:1");
        Assert.Contains(s.Addresses, a => (a.Flags & AddressFlags.Deprecated) != 0);
        Assert.Contains(s.Addresses, a => a.ValidLifetime is > 3000 and <= 3600);
        Assert.Contains(s.Addresses, a => a.Peer is not null && a.Family == Family.Inet6);
        Assert.Contains(s.Routes, r => r.Multipath && r.Family == Family.Inet && r.Nexthops.Any(n => n.IsLinkDown && n.Weight == 3));
        Assert.Contains(s.Routes, r => r.Multipath && r.Family == Family.Inet6 && r.Nexthops.Length == 2);
        Assert.Contains(s.Routes, r => r.Table == 1000 && r.Family == Family.Inet6);
        Assert.Contains(s.Routes, r => r.Src is not null);
        Assert.Contains(s.Routes, r => r.Expires is > 3000);
        Assert.Contains(s.Routes, r => r.NhId == 10);
        Assert.Contains(s.Routes, r => r.Mtu == 1400 && r.HopLimit == 10);
        Assert.Contains(s.Routes, r => r.Type == RouteType.Throw && r.Family == Family.Inet6);
        Assert.Contains(s.Routes, r => r.FirstNexthop is { IsOnLink: true });
        Assert.Contains(s.Routes, r => r.Tos == 0x10);
        Assert.Contains(s.Routes, r => r.Type == RouteType.Multicast);
        Assert.Contains(s.Routes, r => r.Pref == RouterPreference.High);
        Assert.Contains(s.Rules, r => r.Iif == "nosuchdev" && r.IifDetached);
        Assert.Contains(s.Rules, r => r.Oif == "nosuchdev2" && r.OifDetached);
        Assert.Contains(s.Rules, r => r.Goto == 999 && r.Unresolved);
        Assert.Contains(s.Routes, r => r.FirstNexthop?.Realms == 0x30004);
        Assert.Contains(s.Routes, r => r.Multipath && r.Nexthops[0].Realms == 5);
        Assert.Contains(s.Links, l => l.LinkIndex is not null);
        Assert.Contains(s.Links, l => l.Link == "v2");
        Assert.Contains(s.Rules, r => r.L3mdev);
        Assert.Contains(s.Rules, r => r.TunId == 42);
        Assert.Contains(s.Rules, r => r.Realms == 0x10002);
        Assert.Contains(s.Rules, r => r.SuppressIfGroup == 5);
        Assert.Contains(s.Rules, r => r.FwMark == 0x10 && r.FwMask == 0xff);
        Assert.Contains(s.Rules, r => r.Action == RuleAction.Goto && r.Goto == 999);
        Assert.Contains(s.Rules, r => r.Family == Family.Inet6 && r.DPort == new PortRange(443, 443));
    }

    /// <summary>
    /// The same namespace read through the formats helper's <c>ip -json</c> source must give the
    /// same model (remaining lifetimes may tick by a second or two between the two reads).
    /// </summary>
    public static void AssertSameAsIpJsonSource(RtnlState s, IpOutputs ip)
    {
        var viaIp = IpJsonSource.Parse(new IpJsonInput(AddrJson: ip.Addr, Route4Json: ip.Route, Rule4Json: ip.Rule4, Rule6Json: ip.Rule6));
        var addresses = s.Addresses.Select((a, i) => i < viaIp.Addresses.Length ? a with
        {
            ValidLifetime = Near(a.ValidLifetime, viaIp.Addresses[i].ValidLifetime),
            PreferredLifetime = Near(a.PreferredLifetime, viaIp.Addresses[i].PreferredLifetime),
        } : a);
        var routes = s.Routes.Select((r, i) => i < viaIp.Routes.Length ? r with { Expires = Near(r.Expires, viaIp.Routes[i].Expires) } : r);
        var mine = new HostState(s.Links, [.. addresses], [.. routes], s.Rules, Sysctls.Empty, TableNames.Builtin);
        var diffs = HostStateDiff.Compare(viaIp, mine, max: 40);
        Assert.True(diffs.Count == 0, "netlink vs IpJsonSource:\n" + string.Join("\n", diffs));
    }

    /// <summary>Plain <c>ip</c> text of the namespace, as an administrator would paste it (with the commands).</summary>
    public static string IpText(Netns ns)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var args in new[] { new[] { "addr", "show" }, ["rule", "show"], ["-6", "rule", "show"], ["route", "show", "table", "all"], ["-6", "route", "show", "table", "all"] })
            sb.Append("$ ip ").AppendJoin(' ', args).Append('\n').Append(ns.Ip(args));
        return sb.ToString();
    }

    /// <summary>The same namespace read through the formats helper's <c>ip</c> text source gives the same model.</summary>
    public static void AssertSameAsIpTextSource(RtnlState s, string text)
    {
        var viaText = IpTextSource.Parse(text, "ip.txt");
        var addresses = s.Addresses.Select((a, i) => i < viaText.Addresses.Length ? a with
        {
            ValidLifetime = Near(a.ValidLifetime, viaText.Addresses[i].ValidLifetime),
            PreferredLifetime = Near(a.PreferredLifetime, viaText.Addresses[i].PreferredLifetime),
        } : a);
        var routes = s.Routes.Select((r, i) => i < viaText.Routes.Length ? r with { Expires = Near(r.Expires, viaText.Routes[i].Expires) } : r);
        // Plain "ip addr" does not print the link kind (only -d does).
        var links = s.Links.Select(l => l with { Kind = null });
        var mine = new HostState([.. links], [.. addresses], [.. routes], s.Rules, Sysctls.Empty, TableNames.Builtin);
        var diffs = HostStateDiff.Compare(viaText, mine, max: 40);
        Assert.True(diffs.Count == 0, "netlink vs IpTextSource:\n" + string.Join("\n", diffs));
    }

    private static uint? Near(uint? mine, uint? theirs) =>
        mine is uint m && theirs is uint t && Math.Abs((long)m - t) <= 3 ? t : mine;

    public static void Build(Netns h, Netns peer)
    {
        foreach (var i in new[] { 0, 1, 2, 3 })
            Netns.Run("ip", "link", "add", $"eth{i}", "netns", h.Name, "type", "veth", "peer", "name", $"p{i}", "netns", peer.Name);
        peer.IpBatch(["link set p0 up", "link set p1 up", "link set p2 up"]); // p3 stays down: eth3 has no carrier
        h.IpBatch(Setup.Where(l => !l.StartsWith("-6 ", StringComparison.Ordinal)));
        // Batch lines take no options: the IPv6-only ones run in a batch of their own under -6.
        var v6 = Netns.RunRaw(string.Join('\n', Setup.Where(l => l.StartsWith("-6 ", StringComparison.Ordinal)).Select(l => l[3..])) + "\n",
            "ip", "-6", "-n", h.Name, "-batch", "-");
        if (v6.Status != 0)
            throw new InvalidOperationException($"ip -6 -batch failed in {h.Name}: {v6.Stderr.Trim()}");
    }

    public static readonly string[] Setup =
    [
        "link add v1 type veth peer name v2",
        "link set v1 up",
        "link set eth1 mtu 1400",
        "link set eth2 group 5",
        "link set eth0 up",
        "link set eth1 up",
        "link set eth2 up",
        "link set eth3 up",

        "addr add 192.0.2.10/24 dev eth0",
        "addr add 192.0.2.20/24 dev eth0",
        "addr add 192.0.2.30/24 dev eth0 label eth0:1",
        "addr add 10.9.0.1/24 dev eth0 noprefixroute",
        "addr add 10.8.0.1/24 dev eth0 metric 50",
        "addr add 198.51.100.10/24 brd + dev eth1",
        "addr add 10.2.2.1 peer 10.2.2.2/32 dev eth2",
        "addr add 169.254.7.1/16 dev eth2 scope link",
        "addr add 203.0.113.10/24 dev eth3",
        "addr add 2001:db8:1::10/64 dev eth0",
        "addr add 2001:db8:1::20/64 dev eth0 preferred_lft 0",
        "addr add 2001:db8:1::30/64 dev eth0 noprefixroute nodad",
        "addr add 2001:db8:1::40/64 dev eth0 valid_lft 3600 preferred_lft 1800",
        "addr add 2001:db8:2::10/64 dev eth1",
        "addr add 2001:db8:3::1 peer 2001:db8:3::2/128 dev eth2",
        "addr add 2001:db8:4::10/64 dev eth3",

        "route add default via 192.0.2.1 dev eth0",
        "route add 10.90.0.0/16 nexthop via 192.0.2.1 dev eth0 weight 1 nexthop via 203.0.113.1 dev eth3 weight 3",
        "route add 10.91.0.0/16 via 10.255.0.1 dev eth1 onlink",
        "route add 10.92.0.0/16 tos 0x10 via 192.0.2.1",
        "route add 10.93.0.0/16 via 192.0.2.1 mtu 1400 hoplimit 10 metric 100 proto static",
        "route add 10.93.0.0/16 via 198.51.100.1 metric 200 proto dhcp src 198.51.100.10",
        "route add 10.94.0.0/16 via inet6 fe80::1 dev eth0",
        "route add 10.95.0.0/16 dev eth1 scope link proto 77",
        "route add blackhole 10.96.0.0/16",
        "route add unreachable 10.97.0.0/16",
        "route add prohibit 10.98.0.0/16",
        "route add throw 10.99.0.0/16 table 100",
        "route add default via 198.51.100.1 dev eth1 table 100",
        "route add 192.0.2.0/24 dev eth0 table 100 src 192.0.2.10 proto kernel scope link",
        "route add default via 203.0.113.1 dev eth3 table 1000",
        "route add default via 192.0.2.1 table 300",
        "route add 10.100.0.0/16 via 192.0.2.1 table 612",
        "route add 10.100.0.0/16 via 192.0.2.1 table 356",
        "route add anycast 10.0.0.7 dev eth2",
        "route add broadcast 10.0.0.255 dev eth2",
        "route add local 10.0.0.8 dev eth2",
        "route add multicast 224.1.0.0/16 dev eth0",
        "nexthop add id 10 via 192.0.2.1 dev eth0",
        "route add 10.101.0.0/16 nhid 10",
        "route add 10.102.0.0/16 via 192.0.2.1 realms 3/4",
        "route add 10.103.0.0/16 nexthop via 192.0.2.1 dev eth0 realms 5 nexthop via 198.51.100.1 dev eth1",
        "-6 route add default via 2001:db8:1::1 dev eth0",
        "-6 route add 2001:db8:90::/48 nexthop via 2001:db8:1::1 dev eth0 nexthop via 2001:db8:2::1 dev eth1",
        "-6 route add 2001:db8:91::/48 nexthop via 2001:db8:1::1 dev eth0 nexthop via 2001:db8:4::1 dev eth3",
        "-6 route add unreachable 2001:db8:92::/48",
        "-6 route add blackhole 2001:db8:93::/48",
        "-6 route add prohibit 2001:db8:94::/48",
        "-6 route add throw 2001:db8:95::/48 table 100",
        "-6 route add 2001:db8:99::/64 from 2001:db8:1::/64 via 2001:db8:1::1 dev eth0",
        "-6 route add 2001:db8:96::/48 via 2001:db8:1::1 dev eth0 pref high",
        "-6 route add 2001:db8:97::/48 via 2001:db8:1::1 dev eth0 expires 3600",
        "-6 route add 2001:db8:98::/48 via 2001:db8:1::1 dev eth0 metric 5 mtu 1300 hoplimit 7 proto static",
        "-6 route add default via 2001:db8:2::1 dev eth1 table 100",
        "-6 route add 2001:db8:9a::/48 dev eth1 table 1000",
        "-6 route add local 2001:db8:9b::1 dev eth1",

        "rule add pref 100 from 192.0.2.10 table 100",
        "rule add pref 101 not from 10.3.0.0/16 table 100",
        "rule add pref 102 to 10.4.0.0/16 table 100",
        "rule add pref 103 tos 0x10 table 100",
        "rule add pref 104 fwmark 0x10/0xff table 100",
        "rule add pref 105 fwmark 0x20 table 100",
        "rule add pref 106 iif eth2 table 100",
        "rule add pref 107 oif eth1 table 100",
        "rule add pref 108 iif nosuchdev table 100",
        "rule add pref 109 uidrange 1000-1999 table 100",
        "rule add pref 110 ipproto udp sport 1000-2000 dport 53 table 100",
        "rule add pref 111 tun_id 42 table 100",
        "rule add pref 112 table main suppress_prefixlength 0",
        "rule add pref 113 table main suppress_ifgroup 5",
        "rule add pref 114 goto 200",
        "rule add pref 115 goto 999",
        "rule add pref 116 nop",
        "rule add pref 117 blackhole",
        "rule add pref 118 unreachable",
        "rule add pref 119 prohibit",
        "rule add pref 120 from 10.5.0.0/16 table 1000 proto static",
        "rule add pref 121 realms 1/2 table 100",
        "rule add pref 122 l3mdev",
        "rule add pref 123 oif nosuchdev2 table 100",
        "rule add pref 200 table 300",
        "rule add table 612",
        "-6 rule add pref 100 from 2001:db8:1::/64 table 100",
        "-6 rule add pref 101 to 2001:db8:5::/48 iif eth0 table 1000",
        "-6 rule add pref 102 fwmark 0x5 ipproto tcp dport 443 table 100",
        "-6 rule add pref 103 unreachable",
        "-6 rule add pref 104 table main suppress_prefixlength 64",
    ];
}
