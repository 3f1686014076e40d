using System.Net;
using Symroute.Host;
using Symroute.Host.Netlink;
using Symroute.Host.Netlink.Wire;
using Symroute.Model;
using Symroute.Planning;
using Symroute.Tests.Lab;
using Xunit;

namespace Symroute.Tests.Apply;

/// <summary>The netlink writer against the kernel in a namespace: what it adds reads back as the same model, deletes remove exactly it, refusals read as ip words them.</summary>
public class RtnlWriterTests
{
    private static Route R(uint table, string dst, string? gw, string dev, Scope scope = Scope.Global, uint? metric = null, string? src = null,
        NexthopFlags flags = NexthopFlags.None) =>
        new(Family.Inet, table, RouteType.Unicast, Prefix(dst), [new Nexthop(gw is null ? null : IPAddress.Parse(gw), dev, 1, flags)],
            scope, Ownership.Protocol, metric, src is null ? null : IPAddress.Parse(src));

    private static IpPrefix Prefix(string s) => IpPrefix.TryParse(s, Family.Inet, out var p) ? p.Value : throw new ArgumentException(s);

    [RootFact]
    public void Routes_and_rules_added_read_back_as_the_same_model_and_deletes_restore_the_dump()
    {
        using var ns = Netns.Create("wr");
        ns.IpBatch([
            "link add eth0 type veth peer name p0", "link add eth1 type veth peer name p1",
            "link set eth0 up", "link set eth1 up", "link set p0 up", "link set p1 up",
            "addr add 192.168.1.50/24 dev eth0", "addr add 10.10.20.50/24 dev eth1",
            "addr add 2001:db8:1::50/64 dev eth0",
        ]);
        string before = ns.Ip("-json", "rule") + ns.Ip("-json", "route", "show", "table", "all") + ns.Ip("-6", "-json", "route", "show", "table", "all") + ns.Ip("-6", "-json", "rule");
        Route[] routes = [
            R(1000, "192.168.1.0/24", null, "eth0", Scope.Link, src: "192.168.1.50"),
            R(1000, "0.0.0.0/0", "192.168.1.1", "eth0"),
            R(1000, "10.30.0.0/16", "10.10.20.1", "eth1", metric: 50),
            R(1000, "172.16.0.0/12", "10.99.0.1", "eth1", flags: NexthopFlags.OnLink),
            new(Family.Inet, 1000, RouteType.Unicast, Prefix("10.40.0.0/16"),
                [new Nexthop(IPAddress.Parse("192.168.1.1"), "eth0", 1), new Nexthop(IPAddress.Parse("10.10.20.1"), "eth1", 3)],
                Scope.Global, Ownership.Protocol, Multipath: true),
            new(Family.Inet, 1000, RouteType.Blackhole, Prefix("10.66.0.0/16"), [], Scope.Global, Ownership.Protocol),
            new(Family.Inet6, 1000, RouteType.Unicast, IpPrefix.Default(Family.Inet6), [new Nexthop(IPAddress.Parse("2001:db8:1::1"), "eth0")],
                Scope.Global, Ownership.Protocol, Metric: 1024),
        ];
        Rule[] rules = [
            new(Family.Inet, 1000, RuleAction.Lookup, Table: 1000, From: Prefix("10.10.20.50"), Protocol: Ownership.Protocol),
            new(Family.Inet, 1001, RuleAction.Lookup, Table: 1000, FwMark: 0x10000, FwMask: 0xff0000, Protocol: Ownership.Protocol),
            new(Family.Inet, 1002, RuleAction.Lookup, Table: RouteTableId.Main, SuppressPrefixLength: 0, Protocol: Ownership.Protocol),
            new(Family.Inet, 1003, RuleAction.Lookup, Table: 1000, Not: true, To: Prefix("10.0.0.0/8"), Iif: "eth1", Oif: "eth0",
                IpProto: 6, DPort: new PortRange(80, 90), UidRange: new UidRange(1000, 2000), Protocol: Ownership.Protocol),
            new(Family.Inet6, 1000, RuleAction.Lookup, Table: 1000, From: new IpPrefix(IPAddress.Parse("2001:db8:1::"), 64), Protocol: Ownership.Protocol),
        ];

        NetnsScope.Run(ns.Name, () =>
        {
            using var w = RtnlWriter.Open();
            foreach (var r in routes) w.AddRoute(r);
            foreach (var r in rules) w.AddRule(r);
            return 0;
        });
        var state = NetnsScope.Run(ns.Name, RtnlReader.Read);
        foreach (var r in routes)
            Assert.Contains(state.Routes, x => StateMatch.SameRoute(x, r) && x.Protocol == r.Protocol && Equals(x.PrefSrc, r.PrefSrc)
                && x.Nexthops.Length == r.Nexthops.Length && x.Scope == r.Scope
                && x.Nexthops.Zip(r.Nexthops).All(p => Equals(p.First.Gateway, p.Second.Gateway) && p.First.Dev == p.Second.Dev && p.First.Weight == p.Second.Weight && p.First.IsOnLink == p.Second.IsOnLink));
        foreach (var r in rules)
            Assert.Contains(state.Rules, x => x with { Protocol = null } == r with { Protocol = null } && x.Protocol == r.Protocol);

        // The same additions again: EEXIST, reported as ip words it; Ensure* tolerate it.
        var again = Assert.Throws<NetlinkException>(() => NetnsScope.Run(ns.Name, () =>
        {
            using var w = RtnlWriter.Open();
            w.AddRule(rules[0]);
            return 0;
        }));
        Assert.Equal("adding rule 'priority 1000 from 10.10.20.50 lookup 1000 protocol 83': RTNETLINK answers: File exists", again.Message);

        NetnsScope.Run(ns.Name, () =>
        {
            using var w = RtnlWriter.Open();
            Assert.False(w.EnsureRoute(routes[1]));
            foreach (var r in rules.Reverse()) Assert.True(w.EnsureNoRule(r));
            foreach (var r in routes.Reverse()) Assert.True(w.EnsureNoRoute(r));
            Assert.False(w.EnsureNoRule(rules[0]));
            Assert.False(w.EnsureNoRoute(routes[0]));
            return 0;
        });
        string after = ns.Ip("-json", "rule") + ns.Ip("-json", "route", "show", "table", "all") + ns.Ip("-6", "-json", "route", "show", "table", "all") + ns.Ip("-6", "-json", "rule");
        Assert.Equal(before, after);
    }

    [RootFact]
    public void Kernel_refusals_say_what_was_done_and_what_the_kernel_answered()
    {
        using var ns = Netns.Create("wre");
        ns.IpBatch(["link add eth0 type veth peer name p0", "link set eth0 up", "addr add 192.168.1.50/24 dev eth0"]);
        var unreachable = Assert.Throws<NetlinkException>(() => NetnsScope.Run(ns.Name, () =>
        {
            using var w = RtnlWriter.Open();
            w.AddRoute(R(1000, "0.0.0.0/0", "10.99.0.1", "eth0"));
            return 0;
        }));
        Assert.Equal(101, unreachable.Errno);
        Assert.StartsWith("adding route 'default via 10.99.0.1 dev eth0 proto 83 table 1000': RTNETLINK answers: Network is unreachable", unreachable.Message);

        var gone = Assert.Throws<NetlinkException>(() => NetnsScope.Run(ns.Name, () =>
        {
            using var w = RtnlWriter.Open();
            w.AddRoute(R(1000, "0.0.0.0/0", "192.168.1.1", "eth9"));
            return 0;
        }));
        Assert.Contains("device eth9: No such device", gone.Message);
    }
}
