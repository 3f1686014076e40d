using System.Net;
using System.Text;
using Symroute.Model;
using Symroute.Output;
using Symroute.Sources;
using Xunit;

namespace Symroute.Tests.Sources;

public class IpJsonSourceTests
{
    private static readonly TableNames Names = TableNames.Builtin;

    internal static HostState Lab1() => IpJsonSource.Parse(new IpJsonInput(
        Fixtures.Read("ip/lab1/addr.json"),
        Fixtures.Read("ip/lab1/route.json"),
        Fixtures.Read("ip/lab1/route6.json"),
        Fixtures.Read("ip/lab1/rule.json"),
        Fixtures.Read("ip/lab1/rule6.json"),
        Names));

    [Fact]
    public void Lab_capture_parses_into_the_expected_model()
    {
        var s = Lab1();
        Assert.Equal(["lo", "eth0", "eth1", "eth2"], s.Links.Select(l => l.Name));
        var eth0 = s.FindLink("eth0")!;
        Assert.Equal(2, eth0.LinkIndex);
        Assert.Equal("noqueue", eth0.Qdisc);
        Assert.Equal(1000, eth0.TxQueueLength);
        Assert.Equal(["BROADCAST", "MULTICAST", "UP", "LOWER_UP"], eth0.Flags.ToArray());

        var eth0v4 = s.AddressesOf("eth0", Family.Inet).ToList();
        Assert.Equal(["169.254.1.1", "192.0.2.10", "172.16.0.10", "192.0.2.20"], eth0v4.Select(a => a.Local.ToString()));
        Assert.True(eth0v4[3].IsSecondary);
        Assert.Equal("eth0:1", eth0v4[2].Label);
        Assert.Equal(Scope.Link, eth0v4[0].Scope);
        var peer = s.AddressesOf("eth2", Family.Inet).First();
        Assert.Equal(IPAddress.Parse("10.2.2.2"), peer.Peer);
        Assert.Equal(50u, s.AddressesOf("eth1", Family.Inet).Single().Metric);
        Assert.Equal(AddressFlags.Permanent | AddressFlags.NoPrefixRoute, s.AddressesOf("eth2", Family.Inet6).Single().Flags);
        // Addresses are grouped by device, IPv4 before IPv6.
        Assert.Equal(s.Addresses.Select(a => (a.Dev, a.Family)).Distinct().ToList(),
            s.Addresses.Select(a => (a.Dev, a.Family)).Distinct().OrderBy(x => s.FindLink(x.Dev)!.Index).ThenBy(x => x.Family).ToList());

        var mp = s.Routes.Single(r => r.Dst.ToString() == "10.90.0.0/16");
        Assert.True(mp.Multipath);
        Assert.Equal(2, mp.Nexthops.Length);
        Assert.Equal(2, mp.Nexthops[1].Weight);
        Assert.Equal(NexthopFlags.LinkDown, mp.Nexthops[1].Flags);
        Assert.Null(mp.Metric);

        var prohibit = s.Routes.Single(r => r.Type == RouteType.Prohibit && r.Family == Family.Inet);
        Assert.Equal(5u, prohibit.Metric);
        Assert.Empty(prohibit.Nexthops);
        var tos = s.Routes.Single(r => r.Dst.ToString() == "10.51.0.0/24");
        Assert.Equal(0xB8, tos.Tos);
        Assert.Equal(4000u, tos.Table);
        var p77 = s.Routes.Single(r => r.Dst.ToString() == "10.50.0.0/24");
        Assert.Equal(77, p77.Protocol);
        var mtu = s.Routes.Single(r => r.Dst.ToString() == "10.52.0.0/24");
        Assert.Equal((1400u, 10u), (mtu.Mtu!.Value, mtu.HopLimit!.Value));

        var v6reject = s.Routes.Single(r => r.Type == RouteType.Unreachable && r.Family == Family.Inet6);
        Assert.Equal("lo", v6reject.Nexthops.Single().Dev);
        Assert.Equal(1024u, v6reject.Metric);
        Assert.Equal(RouterPreference.Medium, v6reject.Pref);
        Assert.Equal(RouterPreference.High, s.Routes.Single(r => r.Dst.ToString() == "2001:db8:99::/48").Pref);
        Assert.Equal(RouteProtocol.Ra, s.Routes.Single(r => r.Dst.ToString() == "2001:db8:94::/48").Protocol);
        Assert.NotNull(s.Routes.Single(r => r.Dst.ToString() == "2001:db8:94::/48").Expires);
        // IPv4 then IPv6, and IPv6 routes not duplicated from the combined dump.
        Assert.Equal(s.Routes.OrderBy(r => r.Family).Select(r => r.Dst), s.Routes.Select(r => r.Dst));
        Assert.Equal(s.Routes.Count(r => r.Family == Family.Inet6),
            IpJsonSource.ParseRoutes(Encoding.UTF8.GetBytes(Fixtures.Read("ip/lab1/route6.json")), "r6", Family.Inet6, Names).Length);

        var rules = s.RulesOf(Family.Inet).ToList();
        Assert.Equal(RouteProtocol.Kernel, rules[0].Protocol);
        Assert.Equal(RouteProtocol.Unspec, rules[1].Protocol);
        var r103 = rules.Single(r => r.Priority == 103);
        Assert.Equal((0x10u, 0xFFu), (r103.FwMark!.Value, r103.FwMask!.Value));
        Assert.Equal(0xFFFFFFFFu, rules.Single(r => r.Priority == 104).FwMask);
        Assert.True(rules.Single(r => r.Priority == 106).IifDetached);
        Assert.Equal(new PortRange(1000, 2000), rules.Single(r => r.Priority == 108).SPort);
        Assert.Equal(new PortRange(53, 53), rules.Single(r => r.Priority == 108).DPort);
        Assert.Equal((byte)17, rules.Single(r => r.Priority == 108).IpProto);
        Assert.Equal(0, rules.Single(r => r.Priority == 110).SuppressPrefixLength);
        Assert.Equal(5, rules.Single(r => r.Priority == 111).SuppressIfGroup);
        Assert.Equal(RuleAction.Unreachable, rules.Single(r => r.Priority == 112).Action);
        var g = rules.Single(r => r.Priority == 115);
        Assert.Equal((RuleAction.Goto, 200u, true), (g.Action, g.Goto!.Value, g.Unresolved));
        Assert.Equal(RuleAction.Nop, rules.Single(r => r.Priority == 117).Action);
        Assert.Equal(77ul, rules.Single(r => r.Priority == 118).TunId);
        Assert.Equal((byte)12, rules.Single(r => r.Priority == 119).Protocol);
        var l3 = rules.Single(r => r.Priority == 120);
        Assert.True(l3.L3mdev);
        Assert.Null(l3.Table);
        Assert.Equal((2u << 16) | 3u, rules.Single(r => r.Priority == 125).Realms);
        Assert.Equal((0u, 0xFFu), (rules.Single(r => r.Priority == 124).FwMark!.Value, rules.Single(r => r.Priority == 124).FwMask!.Value));
        Assert.Equal(2, s.RulesOf(Family.Inet6).Count(r => r.Protocol == RouteProtocol.Kernel));
    }

    [Fact]
    public void Writer_reproduces_the_captured_json_byte_for_byte()
    {
        var s = Lab1();
        // Metrics other than mtu and hoplimit are not modelled.
        Assert.Equal(Fixtures.Read("ip/lab1/route.json").Replace(",\"advmss\":1200", ""), IpJsonWriter.RoutesText(s.Routes, Names));
        Assert.Equal(Fixtures.Read("ip/lab1/route6.json"), IpJsonWriter.RoutesText(s.RoutesOf(Family.Inet6), Names));
        Assert.Equal(Fixtures.Read("ip/lab1/rule.json"), IpJsonWriter.RulesText(s.RulesOf(Family.Inet), Names));
        Assert.Equal(Fixtures.Read("ip/lab1/rule6.json"), IpJsonWriter.RulesText(s.RulesOf(Family.Inet6), Names));
        // link_netnsid is not modelled (ip's text shows a namespace name instead of the id).
        string addr = System.Text.RegularExpressions.Regex.Replace(Fixtures.Read("ip/lab1/addr.json"), ",\"link_netnsid\":\\d+", "");
        Assert.Equal(addr, IpJsonWriter.LinksText(s));
    }

    [Fact]
    public void Table_names_resolve_through_rt_tables()
    {
        var names = new TableNames(TableNames.Builtin.Names.Add(100, "isp2"));
        var routes = IpJsonSource.ParseRoutes("""[{"dst":"default","gateway":"192.0.2.1","dev":"eth0","table":"isp2","flags":[]}]"""u8.ToArray(), "x", null, names);
        Assert.Equal(100u, routes.Single().Table);
        Assert.Equal("[{\"dst\":\"default\",\"gateway\":\"192.0.2.1\",\"dev\":\"eth0\",\"table\":\"isp2\",\"flags\":[]}]\n", IpJsonWriter.RoutesText(routes, names));
    }

    [Theory]
    [InlineData("""[{"dst":"default","dev":"eth0","flags":[]}]""", Family.Inet)]
    [InlineData("""[{"dst":"default","dev":"eth0","metric":1024,"flags":[],"pref":"medium"}]""", Family.Inet6)]
    [InlineData("""[{"dst":"default","gateway":"fe80::1","dev":"eth0","flags":[]}]""", Family.Inet6)]
    [InlineData("""[{"type":"unreachable","dst":"default","flags":[]}]""", Family.Inet)]
    public void Family_is_inferred_per_route(string json, Family expected) =>
        Assert.Equal(expected, IpJsonSource.ParseRoutes(Encoding.UTF8.GetBytes(json), "x", null, Names).Single().Family);

    [Fact]
    public void Host_bits_of_a_destination_are_cleared()
    {
        var r = IpJsonSource.ParseRoutes("""[{"dst":"10.1.2.3/8","dev":"eth0","flags":[]}]"""u8.ToArray(), "x", null, Names).Single();
        Assert.Equal("10.0.0.0/8", r.Dst.ToString());
    }

    [Fact]
    public void Via_of_the_other_family_is_a_gateway()
    {
        var r = IpJsonSource.ParseRoutes("""[{"dst":"10.62.0.0/16","via":{"family":"inet6","host":"2001:db8:1::1"},"dev":"eth0","flags":[]}]"""u8.ToArray(), "x", null, Names).Single();
        Assert.Equal(Family.Inet, r.Family);
        Assert.Equal(IPAddress.Parse("2001:db8:1::1"), r.FirstNexthop!.Gateway);
        Assert.Equal("[{\"dst\":\"10.62.0.0/16\",\"via\":{\"family\":\"inet6\",\"host\":\"2001:db8:1::1\"},\"dev\":\"eth0\",\"flags\":[]}]\n",
            IpJsonWriter.RoutesText([r], Names));
    }

    [Theory]
    [InlineData("""[{"type":"foo","dst":"default","flags":[]}]""", "r.json:1:10: route 1: unknown route type 'foo'")]
    [InlineData("[{\"dst\":\"default\",\"flags\":[]},\n {\"dst\":\"10.0.0.0/33\",\"flags\":[]}]", "r.json:2:9: route 2: invalid destination '10.0.0.0/33'")]
    [InlineData("""[{"dst":"default","table":"isp9","flags":[]}]""", "r.json:1:27: route 1: unknown table 'isp9' (neither a number nor a name from rt_tables)")]
    [InlineData("""[{"dst":"default","metric":-1,"flags":[]}]""", "r.json:1:28: route 1: expected a number from 0 to 4294967295 for metric")]
    [InlineData("""[{"flags":[]}]""", "r.json:1:2: route 1: missing 'dst'")]
    [InlineData("""[{"dst":"default","flags":["bogus"]}]""", "r.json:1:28: route 1: unknown route flag 'bogus'")]
    [InlineData("""[{"dst":"10.0.0.0/8","gateway":"fe80::1","flags":[]}]""", "r.json:1:32: route 1: mixes IPv4 and IPv6 (IPv6 value in an IPv4 route)")]
    [InlineData("[{\"dst\":\"default\",", "r.json:1:19: invalid JSON: unexpected end of input (truncated?)")]
    [InlineData("", "r.json: empty input (expected a JSON array)")]
    [InlineData("{}", "r.json:1:1: expected an array for the route list, found an object")]
    public void Route_errors_name_file_line_column_and_route(string json, string message)
    {
        var e = Assert.Throws<InputException>(() => IpJsonSource.ParseRoutes(Encoding.UTF8.GetBytes(json), "r.json", null, Names));
        Assert.Equal(message, e.Message);
    }
}
