using Symroute.Model;
using Symroute.Output;
using Symroute.Sources;
using Xunit;

namespace Symroute.Tests.Sources;

public class IpTextSourceTests
{
    private static readonly TableNames Names = TableNames.Builtin;

    private static string F(string name) => Fixtures.Read("ip/lab1/" + name);

    private static HostState Json() => ModelAssert.WithoutTimers(IpJsonSourceTests.Lab1());

    private static HostState Text(string text) => ModelAssert.WithoutTimers(IpTextSource.Parse(text, "paste.txt", Names));

    [Fact]
    public void Plain_outputs_concatenated_without_prompts_give_the_json_model()
    {
        string text = F("addr.txt") + F("rule.txt") + F("rule6.txt") + F("route.txt") + F("route6.txt");
        ModelAssert.Equal(Json(), Text(text));
    }

    [Fact]
    public void Order_of_outputs_does_not_matter()
    {
        string text = F("route6.txt") + "\n" + F("rule.txt") + F("route.txt") + "\n" + F("addr.txt") + "\n" + F("rule6.txt");
        ModelAssert.Equal(Json(), Text(text));
    }

    [Fact]
    public void Prompts_give_family_and_table()
    {
        var json = Json();
        var main = json.Routes.Where(r => r.Family == Family.Inet && r.Table == RouteTableId.Main);
        var t100 = json.Routes.Where(r => r.Family == Family.Inet && r.Table == 100);
        var v6 = json.RoutesOf(Family.Inet6);
        string text =
            "root@h1:~# ip -6 rule\n" + F("rule6.txt") +
            "root@h1:~# ip route\n" + IpTextFormatter.FormatRoutes(main, Names) +
            "root@h1:~# ip a\n" + F("addr.txt") +
            "root@h1:~# ip -6 route show table all\n" + F("route6.txt") +
            "[root@h1 ~]# ip rule show\n" + F("rule.txt") +
            "$ ip route show table 100\n" + string.Concat(t100.Select(r => IpTextFormatter.FormatRoute(r, Names, showTable: false) + "\n"));
        var parsed = Text(text);
        Assert.Equal(main.Concat(t100).Concat(v6).Select(HostStateDiff.Describe), parsed.Routes.Select(HostStateDiff.Describe));
        ModelAssert.Equal(json with { Routes = parsed.Routes }, parsed);
    }

    [Fact]
    public void Route_filters_in_the_prompt_fill_in_what_ip_leaves_out()
    {
        string text = "$ ip route show table 100 dev eth1 proto static\ndefault via 198.51.100.1 \n$ ip -6 route show type unreachable\n2001:db8:97::/48 dev lo metric 1024 pref medium\n";
        var s = IpTextSource.Parse(text, "p.txt", Names);
        var r = s.Routes[0];
        Assert.Equal((100u, "eth1", RouteProtocol.Static), (r.Table, r.FirstNexthop!.Dev!, r.Protocol));
        Assert.Equal((Family.Inet6, RouteType.Unreachable), (s.Routes[1].Family, s.Routes[1].Type));
    }

    [Fact]
    public void Via_src_tos_metric_filters_fill_in_and_multipath_keeps_its_nexthop_devices()
    {
        string text = "$ ip route show via 192.0.2.1 src 192.0.2.10 tos 0x10 metric 7\n10.0.0.0/8 dev eth0 \n"
            + "$ ip route show dev eth0\n10.90.0.0/16 \n\tnexthop via 192.0.2.1 dev eth0 weight 1 \n\tnexthop via 198.51.100.1 dev eth1 weight 2 \n"
            + "10.1.0.0/16 via 192.0.2.1 \n";
        var s = IpTextSource.Parse(text, "p.txt", Names);
        var r = s.Routes[0];
        Assert.Equal(("192.0.2.1", "192.0.2.10", (byte)0x10, 7u), (r.FirstNexthop!.Gateway!.ToString(), r.PrefSrc!.ToString(), r.Tos, r.Metric!.Value));
        Assert.True(s.Routes[1].Multipath);
        Assert.Equal(["eth0", "eth1"], s.Routes[1].Nexthops.Select(n => n.Dev!).ToArray());
        Assert.Equal("eth0", s.Routes[2].FirstNexthop!.Dev);
    }

    [Fact]
    public void Windows_line_ends_and_tabs_turned_into_spaces_are_accepted()
    {
        string text = (F("addr.txt") + F("rule.txt") + F("rule6.txt") + F("route.txt") + F("route6.txt"))
            .Replace(":\t", ":   ").Replace("\tnexthop", "        nexthop").Replace("\n", "\r\n");
        ModelAssert.Equal(Json(), Text(text));
    }

    [Fact]
    public void Json_pasted_after_a_prompt_is_read_as_json()
    {
        string text = "$ ip -j addr\n" + F("addr.json") + "$ ip -json route show table all\n" + F("route.json")
            + "$ ip -j rule\n" + F("rule.json") + "$ ip -6 -j rule\n" + F("rule6.json");
        ModelAssert.Equal(Json(), Text(text));
    }

    [Fact]
    public void Formatter_reproduces_every_captured_line()
    {
        var s = IpJsonSourceTests.Lab1();
        Compare(F("rule.txt"), IpTextFormatter.FormatRules(s.RulesOf(Family.Inet), Names));
        Compare(F("rule6.txt"), IpTextFormatter.FormatRules(s.RulesOf(Family.Inet6), Names));
        Compare(F("route.txt"), IpTextFormatter.FormatRoutes(IpTextSource.Parse(F("route.txt"), "r", Names).Routes, Names));
        Compare(F("route6.txt"), IpTextFormatter.FormatRoutes(IpTextSource.Parse(F("route6.txt"), "r", Names).Routes, Names));
        Compare(F("addr.txt"), IpTextFormatter.FormatLinks(s));
    }

    /// <summary>Line by line, allowing only what the model does not keep: metrics other than mtu and
    /// hoplimit, and the peer namespace of a veth.</summary>
    internal static void Compare(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        Assert.Equal(e.Length, a.Length);
        for (int i = 0; i < e.Length; i++)
        {
            string exp = System.Text.RegularExpressions.Regex.Replace(e[i], " link-netns(id)? \\S+$", "")
                .Replace("mtu lock 1300 advmss 1200 ", "mtu 1300 ");
            Assert.True(exp == a[i], $"line {i + 1}:\n  expected [{exp}]\n  actual   [{a[i]}]");
        }
    }

    [Theory]
    [InlineData("default via 192.0.2.1 dev eth0 bogus \n", "e.txt:1:32: unexpected token 'bogus' in route line")]
    [InlineData("default via 192.0.2.1 dev\n", "e.txt:1:26: 'dev' without a value at the end of the route line")]
    [InlineData("10.0.0.0/33 dev eth0\n", "e.txt:1:1: invalid prefix '10.0.0.0/33' for the destination")]
    [InlineData("0:\tfrom all lookup local\n1:\tfrom all lookup nosuch\n", "e.txt:2:20: unknown table 'nosuch' (neither a number nor a name from rt_tables)")]
    [InlineData("0:\tfrom all frobnicate\n", "e.txt:1:13: unexpected token 'frobnicate' in rule line")]
    [InlineData("\tnexthop via 192.0.2.1 dev eth0 weight 1\n", "e.txt:1:2: nexthop line without a route line before it")]
    [InlineData("    inet 192.0.2.1/24 scope global eth0\n", "e.txt:1:5: 'inet' line without a link line before it")]
    [InlineData("1: lo: <LOOPBACK,UP> mtu 65536 qdisc noqueue wobble\n", "e.txt:1:46: unexpected token 'wobble' in link line")]
    [InlineData("10.1.0.0/16 via fe80::1 dev eth0\n", "e.txt:1:17: IPv6 value in an IPv4 route")]
    [InlineData("$ ip -br a\neth0 UP 192.0.2.1/24\n", "e.txt:2:1: brief output (ip -br) is not supported; paste plain 'ip addr' output")]
    public void Errors_name_file_line_and_column(string text, string message)
    {
        var e = Assert.Throws<InputException>(() => IpTextSource.Parse(text, "e.txt", Names));
        Assert.Equal(message, e.Message);
    }
}
