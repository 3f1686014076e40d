using Symroute.Model;
using Symroute.Simulation;
using Xunit;

namespace Symroute.Tests.Simulation;

/// <summary>
/// linux-routing-semantics.md §11, one test per case (numbered as there), on <see cref="Lab.Host"/>.
/// Expected JSON lines are what <c>ip -json route get</c> printed on kernel 6.18 for the same setup
/// (the array brackets removed), as <c>symroute route get --batch</c> prints them.
/// </summary>
public class EdgeCaseTests
{
    private const string Via1 = "default via 198.51.100.1 dev eth1";

    private static string T100(string dst) =>
        $$"""{"dst":"{{dst}}","gateway":"198.51.100.1","dev":"eth1","table":"100","prefsrc":"198.51.100.10","flags":[],"uid":0,"cache":[]}""";

    private static string MainTable(string dst) =>
        $$"""{"dst":"{{dst}}","gateway":"192.0.2.1","dev":"eth0","prefsrc":"192.0.2.10","flags":[],"uid":0,"cache":[]}""";

    private static IEnumerable<(uint Prio, uint? Table)> Rules4(HostState s) =>
        s.Rules.Where(r => r.Family == Family.Inet).Select(r => (r.Priority, r.Table));

    [Fact]
    public void Case01_rules_without_priority_count_down_from_32765_and_the_newest_is_evaluated_first()
    {
        var b = Lab.Host().Rule("add table 100").Rule("add table 101")
            .Route("add " + Via1 + " table 100").Route("add default via 10.0.0.2 dev eth2 table 101");
        var s = b.Build();
        Assert.Equal([(0u, 255u), (32764u, 101u), (32765u, 100u), (32766u, 254u), (32767u, 253u)], Rules4(s).Select(x => (x.Prio, x.Table!.Value)));
        Assert.Equal("""{"dst":"8.8.8.8","gateway":"10.0.0.2","dev":"eth2","table":"101","prefsrc":"10.0.0.1","flags":[],"uid":0,"cache":[]}""", Lab.Json(s, "8.8.8.8"));
    }

    [Fact]
    public void Case02_equal_priorities_keep_insertion_order()
    {
        var s = Lab.Host().Rule("add pref 500 iif eth2 table 102").Rule("add pref 500 oif eth1 table 103")
            .Route("add default via 10.0.0.2 dev eth2 table 102").Route("add " + Via1 + " table 103")
            .Sysctl("net.ipv4.conf.all.forwarding", 1).Build();
        var at500 = s.Rules.Where(r => r.Priority == 500).ToList();
        Assert.Equal(["eth2", null], at500.Select(r => r.Iif));
        Assert.Equal([null, "eth1"], at500.Select(r => r.Oif));
        Assert.Equal("""{"dst":"8.8.8.8","gateway":"198.51.100.1","dev":"eth1","table":"103","prefsrc":"198.51.100.10","flags":[],"uid":0,"cache":[]}""", Lab.Json(s, "8.8.8.8 oif eth1"));
        Assert.Equal("""{"dst":"8.8.8.8","from":"10.0.0.5","gateway":"10.0.0.2","dev":"eth2","table":"102","flags":[],"cache":[],"iif":"eth2"}""", Lab.Json(s, "8.8.8.8 from 10.0.0.5 iif eth2"));
        Assert.Equal(MainTable("8.8.8.8"), Lab.Json(s, "8.8.8.8"));
    }

    [Fact]
    public void Case03_auto_priority_is_the_second_rules_minus_one_even_without_the_local_rule()
    {
        var s = Lab.Host().Rule("del pref 0").Rule("add pref 32762 table 1").Rule("add pref 32763 table 2").Rule("add table 104").Build();
        Assert.Equal([(32762u, (uint?)1u), (32762u, 104u), (32763u, 2u), (32766u, 254u), (32767u, 253u)], Rules4(s));
    }

    [Fact]
    public void Case04_a_second_priority_0_rule_makes_every_later_rule_priority_0()
    {
        var s = Lab.Host().Rule("add pref 0 table 100").Rule("add table 101").Rule("add table 102").Build();
        Assert.Equal([(0u, (uint?)255u), (0u, 100u), (0u, 101u), (0u, 102u), (32766u, 254u), (32767u, 253u)], Rules4(s));
    }

    [Fact]
    public void Case05_identical_rules_are_refused_but_auto_priorities_make_them_different()
    {
        var b = Lab.Host().Rule("add pref 32763 table 103");
        var e = Assert.Throws<HostBuilderException>(() => b.Rule("add pref 32763 table 103"));
        Assert.Equal("RTNETLINK answers: File exists", e.Message);
        b.Rule("add table 103").Rule("add table 103");
        Assert.Equal(3, b.Build().Rules.Count(r => r.Table == 103));
    }

    [Fact]
    public void Case06_rule_flush_keeps_priority_0()
    {
        var s = Lab.Host().Rule("add table 100").Rule("add pref 0 table 101").Rule("flush").Build();
        Assert.Equal([(0u, (uint?)255u), (0u, 101u)], Rules4(s));
    }

    [Fact]
    public void Case07_fwmark_0_has_mask_0_and_matches_everything()
    {
        var s = Lab.Host().Rule("add pref 100 fwmark 0 table 100").Route("add " + Via1 + " table 100").Build();
        Assert.Equal(T100("8.8.8.8"), Lab.Json(s, "8.8.8.8"));
        Assert.Contains("\"mark\":7", Lab.Json(s, "8.8.8.8 mark 7"));
        Assert.Contains("\"table\":\"100\"", Lab.Json(s, "8.8.8.8 mark 7"));
        var rule = s.Rules.Single(r => r.Priority == 100);
        Assert.Equal("100:\tfrom all lookup 100", Symroute.Output.RuleText.Format(rule, s.TableNames));
    }

    [Fact]
    public void Case08_ipv4_route_get_asks_as_udp_ipv6_does_not()
    {
        var s = Lab.Host().Rule("add ipproto udp table 100").Route("add " + Via1 + " table 100")
            .Rule("-6 add ipproto udp table 100").Route("-6 add default via 2001:db8:2::1 dev eth1 table 100")
            .Route("-6 add default via 2001:db8:1::1 dev eth0").Build();
        Assert.Equal(T100("8.8.8.8"), Lab.Json(s, "8.8.8.8"));
        Assert.Equal(MainTable("8.8.8.8"), Lab.Json(s, "8.8.8.8 ipproto tcp"));
        Assert.Equal("""{"dst":"2001:4860::1","from":"::","gateway":"2001:db8:1::1","dev":"eth0","prefsrc":"2001:db8:1::10","metric":1024,"flags":[],"pref":"medium"}""", Lab.Json(s, "2001:4860::1"));
        Assert.Equal("""{"dst":"2001:4860::1","from":"::","gateway":"2001:db8:2::1","dev":"eth1","table":"100","prefsrc":"2001:db8:2::10","metric":1024,"flags":[],"pref":"medium"}""", Lab.Json(s, "2001:4860::1 ipproto udp"));
    }

    [Fact]
    public void Case09_ports_are_compared_whatever_the_protocol()
    {
        var s = Lab.Host().Rule("add dport 443 table 100").Route("add " + Via1 + " table 100").Build();
        Assert.Equal(T100("8.8.8.8"), Lab.Json(s, "8.8.8.8 ipproto icmp dport 443"));
        Assert.Equal(MainTable("8.8.8.8"), Lab.Json(s, "8.8.8.8 dport 80"));
    }

    [Fact]
    public void Case10_input_lookups_use_uid_0_whatever_uid_is_asked()
    {
        var s = Lab.Host().Rule("add uidrange 0-0 table 100").Route("add " + Via1 + " table 100").Sysctl("net.ipv4.ip_forward", 1).Build();
        Assert.Equal("""{"dst":"8.8.8.8","from":"10.0.0.2","gateway":"198.51.100.1","dev":"eth1","table":"100","flags":[],"cache":[],"iif":"eth2"}""", Lab.Json(s, "8.8.8.8 from 10.0.0.2 iif eth2"));
        Assert.Equal("""{"dst":"8.8.8.8","from":"10.0.0.2","gateway":"198.51.100.1","dev":"eth1","table":"100","flags":[],"uid":5,"cache":[],"iif":"eth2"}""", Lab.Json(s, "8.8.8.8 from 10.0.0.2 iif eth2 uid 5"));
        Assert.Equal("""{"dst":"8.8.8.8","gateway":"192.0.2.1","dev":"eth0","prefsrc":"192.0.2.10","flags":[],"uid":5,"cache":[]}""", Lab.Json(s, "8.8.8.8 uid 5"));
        Assert.Equal(T100("8.8.8.8"), Lab.Json(s, "8.8.8.8"));
    }

    [Fact]
    public void Case11_goto_jumps_forward_unresolved_gotos_are_skipped_and_resolve_when_the_target_appears()
    {
        var b = Lab.Host().Rule("add pref 100 goto 300").Rule("add pref 200 table 101").Rule("add pref 300 table 102")
            .Route("add " + Via1 + " table 101").Route("add default via 10.0.0.2 dev eth2 table 102")
            .Route("add default via 192.0.2.1 dev eth0 table 103");
        Assert.Contains("\"table\":\"102\"", Lab.Json(b, "8.8.8.8"));
        b.Rule("del pref 300");
        var s = b.Build();
        Assert.True(s.Rules.Single(r => r.Priority == 100).Unresolved);
        Assert.Equal("100:\tfrom all goto 300 [unresolved]", Symroute.Output.RuleText.Format(s.Rules.Single(r => r.Priority == 100), s.TableNames));
        Assert.Contains("\"table\":\"101\"", Lab.Json(s, "8.8.8.8"));
        b.Rule("add pref 300 table 103");
        Assert.Contains("\"table\":\"103\"", Lab.Json(b, "8.8.8.8"));
    }

    [Fact]
    public void Case12_suppress_prefixlength_0_rejects_only_default_routes()
    {
        var s = Lab.Host().Rule("add pref 100 table main suppress_prefixlength 0").Rule("add pref 101 table 100").Route("add " + Via1 + " table 100").Build();
        Assert.Equal(T100("8.8.8.8"), Lab.Json(s, "8.8.8.8"));
        Assert.Equal("""{"dst":"192.0.2.1","dev":"eth0","prefsrc":"192.0.2.10","flags":[],"uid":0,"cache":[]}""", Lab.Json(s, "192.0.2.1"));
    }

    [Fact]
    public void Case13_suppress_ifgroup_rejects_routes_through_the_group()
    {
        var s = Lab.Host().SetLink("eth0", group: 5).Rule("add pref 100 table main suppress_ifgroup 5").Rule("add pref 101 table 100")
            .Route("add " + Via1 + " table 100").Build();
        Assert.Equal(T100("8.8.8.8"), Lab.Json(s, "8.8.8.8"));
        Assert.Equal(T100("192.0.2.1"), Lab.Json(s, "192.0.2.1"));
        Assert.Equal("""{"dst":"10.0.0.2","dev":"eth2","prefsrc":"10.0.0.1","flags":[],"uid":0,"cache":[]}""", Lab.Json(s, "10.0.0.2"));
    }

    [Fact]
    public void Case14_rules_to_missing_tables_are_skipped()
    {
        var s = Lab.Host().Rule("add pref 100 table 999").Rule("add pref 101 table 998").Build();
        Assert.Equal(MainTable("8.8.8.8"), Lab.Json(s, "8.8.8.8"));
    }

    [Fact]
    public void Case15_throw_goes_back_to_the_rules_unreachable_ends_the_lookup()
    {
        var b = Lab.Host().Rule("add pref 99 table 101").Rule("add pref 100 table 100")
            .Route("add throw default table 101").Route("add unreachable default table 100");
        Assert.Equal("""{"error":"No route to host"}""", Lab.Json(b, "8.8.8.8"));
        b.Route("add 8.8.8.0/24 via 198.51.100.1 table 101");
        Assert.Equal("""{"dst":"8.8.8.8","gateway":"198.51.100.1","dev":"eth1","table":"101","prefsrc":"198.51.100.10","flags":[],"uid":0,"cache":[]}""", Lab.Json(b, "8.8.8.8"));
    }

    [Fact]
    public void Case16_throw_in_main_falls_to_table_default_on_the_fast_path()
    {
        var s = Lab.Host().Route("add throw 8.8.8.8").Route("add 8.8.8.8 via 198.51.100.1 dev eth1 table default").Build();
        Assert.True(s.LocalTableMerged);
        Assert.Equal("""{"dst":"8.8.8.8","gateway":"198.51.100.1","dev":"eth1","table":"default","prefsrc":"198.51.100.10","flags":[],"uid":0,"cache":[]}""", Lab.Json(s, "8.8.8.8"));
    }

    [Theory]
    [InlineData("unreachable", "Network is unreachable")]
    [InlineData("prohibit", "Permission denied")]
    [InlineData("blackhole", "Invalid argument")]
    public void Case17_reject_rules(string action, string message)
    {
        var s = Lab.Host().Rule($"add pref 100 {action}").Build();
        Assert.Equal($$"""{"error":"{{message}}"}""", Lab.Json(s, "8.8.8.8"));
        Assert.Equal("""{"type":"local","dst":"192.0.2.10","dev":"lo","table":"local","prefsrc":"192.0.2.10","flags":[],"uid":0,"cache":["local"]}""", Lab.Json(s, "192.0.2.10"));
        var r = Assert.IsType<RouteError>(Lab.Query(s, "8.8.8.8"));
        Assert.Equal(RouteErrorReason.RejectRule, r.Reason);
        Assert.Equal(100u, r.Rule!.Priority);
    }

    [Theory]
    [InlineData("unreachable", "8.8.8.1", "No route to host")]
    [InlineData("prohibit", "8.8.8.2", "Permission denied")]
    [InlineData("blackhole", "8.8.8.3", "Invalid argument")]
    [InlineData("throw", "8.8.8.4", "Network is unreachable")]
    [InlineData("unreachable", "2001:db8:99::1", "No route to host")]
    [InlineData("prohibit", "2001:db8:99::2", "Permission denied")]
    [InlineData("blackhole", "2001:db8:99::3", "Invalid argument")]
    [InlineData("throw", "2001:db8:99::4", "Network is unreachable")]
    public void Case18_reject_routes(string type, string dst, string message)
    {
        var s = Lab.Host().Route($"add {type} {dst}").Build();
        Assert.Equal($$"""{"error":"{{message}}"}""", Lab.Json(s, dst));
    }

    [Fact]
    public void Case19_table_local_appears_after_the_first_rule_change_even_if_undone()
    {
        var b = Lab.Host();
        Assert.Equal("local 192.0.2.10 dev lo src 192.0.2.10 uid 0 \n    cache <local> \n", Lab.Get(b, "192.0.2.10"));
        b.Rule("add table 100").Rule("del table 100");
        var s = b.Build();
        Assert.False(s.LocalTableMerged);
        Assert.Equal("local 192.0.2.10 dev lo table local src 192.0.2.10 uid 0 \n    cache <local> \n", Lab.Get(s, "192.0.2.10"));
        // A state from a source that cannot tell (null) is inferred from the rules: defaults only means merged.
        Assert.Equal("local 192.0.2.10 dev lo src 192.0.2.10 uid 0 \n    cache <local> \n", Lab.Get(s with { LocalTableMerged = null }, "192.0.2.10"));
    }

    [Fact]
    public void Case20_a_secondary_address_is_reached_with_its_primary_as_source()
    {
        var s = Lab.Host().AddAddress("eth1", "172.16.0.10/16").AddAddress("eth1", "172.16.0.20/16").Build();
        Assert.True(s.Addresses.Single(a => a.Local.ToString() == "172.16.0.20").IsSecondary);
        Assert.Equal("""{"type":"local","dst":"172.16.0.20","dev":"lo","prefsrc":"172.16.0.10","flags":[],"uid":0,"cache":["local"]}""", Lab.Json(s, "172.16.0.20"));
        Assert.Equal("""{"dst":"172.16.5.5","dev":"eth1","prefsrc":"172.16.0.10","flags":[],"uid":0,"cache":[]}""", Lab.Json(s, "172.16.5.5"));
        Assert.Equal("""{"dst":"8.8.8.8","from":"172.16.0.20","gateway":"192.0.2.1","dev":"eth0","flags":[],"uid":0,"cache":[]}""", Lab.Json(s, "8.8.8.8 from 172.16.0.20"));
    }

    [Fact]
    public void Case21_a_link_scope_address_listed_first_is_the_source_of_dev_routes()
    {
        var s = Lab.Host().AddAddress("eth0", "169.254.1.1/16", scope: Scope.Link).Route("add 10.50.0.0/16 dev eth0").Build();
        Assert.Equal("169.254.1.1", s.Addresses.First(a => a.Dev == "eth0").Local.ToString());
        Assert.Equal("""{"dst":"10.50.1.1","dev":"eth0","prefsrc":"169.254.1.1","flags":[],"uid":0,"cache":[]}""", Lab.Json(s, "10.50.1.1"));
        Assert.Equal(MainTable("8.8.8.8"), Lab.Json(s, "8.8.8.8"));
    }

    [Fact]
    public void Case22_a_gateway_route_takes_the_primary_in_the_gateways_subnet()
    {
        var s = Lab.Host().AddAddress("eth0", "172.16.0.10/16").Route("add 10.51.0.0/16 via 172.16.0.1").Build();
        Assert.Equal("""{"dst":"10.51.0.1","gateway":"172.16.0.1","dev":"eth0","prefsrc":"172.16.0.10","flags":[],"uid":0,"cache":[]}""", Lab.Json(s, "10.51.0.1"));
    }

    [Theory]
    [InlineData("8.8.8.8 oif eth1", """{"dst":"8.8.8.8","dev":"eth1","prefsrc":"198.51.100.10","flags":[],"uid":0,"cache":[]}""")]
    [InlineData("8.8.8.8 oif eth1 from 10.0.0.1", """{"dst":"8.8.8.8","from":"10.0.0.1","dev":"eth1","flags":[],"uid":0,"cache":[]}""")]
    [InlineData("10.0.0.5 oif eth1", """{"dst":"10.0.0.5","dev":"eth1","prefsrc":"198.51.100.10","flags":[],"uid":0,"cache":[]}""")]
    [InlineData("224.0.0.5 oif eth1", """{"type":"multicast","dst":"224.0.0.5","dev":"eth1","prefsrc":"198.51.100.10","flags":["rt_offload_failed"],"uid":0,"cache":["mc"]}""")]
    [InlineData("255.255.255.255 oif eth2", """{"type":"broadcast","dst":"255.255.255.255","dev":"eth2","prefsrc":"10.0.0.1","flags":[],"uid":0,"cache":["local","brd"]}""")]
    [InlineData("0.0.0.0 oif eth1", """{"type":"local","dst":"0.0.0.0","dev":"lo","prefsrc":"198.51.100.10","flags":[],"uid":0,"cache":["local"]}""")]
    [InlineData("8.8.8.8 oif lo", """{"dst":"8.8.8.8","dev":"lo","prefsrc":"192.0.2.10","flags":[],"uid":0,"cache":["local"]}""")]
    public void Case23_the_oif_fallback_assumes_the_destination_is_on_link(string query, string expected) =>
        Assert.Equal(expected, Lab.Json(Lab.Host().Build(), query));

    [Fact]
    public void Case24_a_local_address_with_another_oif_is_not_local()
    {
        Assert.Equal("""{"dst":"192.0.2.10","dev":"eth1","prefsrc":"198.51.100.10","flags":[],"uid":0,"cache":[]}""", Lab.Json(Lab.Host(), "192.0.2.10 oif eth1"));
    }

    [Fact]
    public void Case25_oif_overrides_an_unreachable_route()
    {
        var s = Lab.Host().Route("add unreachable 203.0.113.1").Build();
        Assert.Equal("""{"dst":"203.0.113.1","dev":"eth1","prefsrc":"198.51.100.10","flags":[],"uid":0,"cache":[]}""", Lab.Json(s, "203.0.113.1 oif eth1"));
        Assert.Equal("""{"error":"No route to host"}""", Lab.Json(s, "203.0.113.1"));
    }

    [Theory]
    [InlineData("8.8.8.8 from 1.2.3.4", """{"error":"Network is unreachable"}""")]
    [InlineData("8.8.8.8 from 224.0.0.5", """{"error":"Invalid argument"}""")]
    [InlineData("8.8.8.8 from 127.0.0.1", """{"error":"Invalid argument"}""")]
    [InlineData("8.8.8.8 from 255.255.255.255", """{"error":"Invalid argument"}""")]
    [InlineData("8.8.8.8 from 0.0.0.0", """{"dst":"8.8.8.8","gateway":"192.0.2.1","dev":"eth0","prefsrc":"192.0.2.10","flags":[],"uid":0,"cache":[]}""")]
    [InlineData("8.8.8.8 from 0.1.2.3", """{"error":"Network is unreachable"}""")]
    [InlineData("0.1.2.3", """{"dst":"0.1.2.3","gateway":"192.0.2.1","dev":"eth0","prefsrc":"192.0.2.10","flags":[],"uid":0,"cache":[]}""")]
    [InlineData("224.0.0.5 from 198.51.100.10", """{"type":"multicast","dst":"224.0.0.5","from":"198.51.100.10","dev":"eth1","flags":["rt_offload_failed"],"uid":0,"cache":["mc"]}""")]
    [InlineData("255.255.255.255 from 10.0.0.1", """{"type":"broadcast","dst":"255.255.255.255","from":"10.0.0.1","dev":"eth2","flags":[],"uid":0,"cache":["local","brd"]}""")]
    [InlineData("239.1.2.3 from 1.2.3.4", """{"error":"Network is unreachable"}""")]
    [InlineData("127.0.0.5", """{"type":"local","dst":"127.0.0.5","dev":"lo","prefsrc":"127.0.0.1","flags":[],"uid":0,"cache":["local"]}""")]
    [InlineData("127.0.0.5 from 192.0.2.10", """{"type":"local","dst":"127.0.0.5","from":"192.0.2.10","dev":"lo","flags":[],"uid":0,"cache":["local"]}""")]
    [InlineData("8.8.8.8 from 127.0.0.5", """{"error":"Invalid argument"}""")]
    public void Case26_requested_sources(string query, string expected) =>
        Assert.Equal(expected, Lab.Json(Lab.Host().Build(), query));

    [Fact]
    public void Case27_any_local_address_may_be_the_source()
    {
        Assert.Equal("8.8.8.8 from 10.0.0.1 via 192.0.2.1 dev eth0 uid 0 \n    cache \n", Lab.Get(Lab.Host(), "8.8.8.8 from 10.0.0.1"));
    }

    [Theory]
    [InlineData("255.255.255.255", """{"type":"broadcast","dst":"255.255.255.255","dev":"eth0","prefsrc":"192.0.2.10","flags":[],"uid":0,"cache":["local","brd"]}""")]
    [InlineData("224.0.0.1", """{"type":"multicast","dst":"224.0.0.1","dev":"eth0","prefsrc":"192.0.2.10","flags":["rt_offload_failed"],"uid":0,"cache":["local","mc"]}""")]
    [InlineData("0.0.0.0", """{"type":"local","dst":"0.0.0.0","dev":"lo","prefsrc":"127.0.0.1","flags":[],"uid":0,"cache":["local"]}""")]
    [InlineData("10.0.0.0", """{"dst":"10.0.0.0","dev":"eth2","prefsrc":"10.0.0.1","flags":[],"uid":0,"cache":[]}""")]
    [InlineData("10.0.0.255", """{"type":"broadcast","dst":"10.0.0.255","dev":"eth2","prefsrc":"10.0.0.1","flags":[],"uid":0,"cache":["local","brd"]}""")]
    [InlineData("127.255.255.255", """{"type":"broadcast","dst":"127.255.255.255","dev":"lo","prefsrc":"127.0.0.1","flags":[],"uid":0,"cache":["local","brd"]}""")]
    public void Case28_broadcast_multicast_zero_and_network_addresses(string query, string expected) =>
        Assert.Equal(expected, Lab.Json(Lab.Host().Build(), query));

    [Theory]
    [InlineData("10.72.1.1 tos 0x10", "10.72.1.1 tos 0x10 via 198.51.100.1 dev eth1 src 198.51.100.10 uid 0")]
    [InlineData("10.72.1.1 tos 0x12", "10.72.1.1 tos 0x10 via 198.51.100.1 dev eth1 src 198.51.100.10 uid 0")]
    [InlineData("10.72.1.1 tos 0x14", "10.72.1.1 via 192.0.2.1 dev eth0 src 192.0.2.10 uid 0")]
    [InlineData("10.72.1.1 tos 0x18", "10.72.1.1 via 192.0.2.1 dev eth0 src 192.0.2.10 uid 0")]
    [InlineData("10.72.1.1", "10.72.1.1 via 192.0.2.1 dev eth0 src 192.0.2.10 uid 0")]
    public void Case29_tos_routes_match_under_the_legacy_mask(string query, string expected)
    {
        var b = Lab.Host().Route("add 10.72.0.0/16 via 192.0.2.1").Route("add 10.72.0.0/16 tos 0x10 via 198.51.100.1");
        Assert.Equal(expected, Lab.Line(b, query));
    }

    [Fact]
    public void Case30_lowest_metric_wins_duplicates_are_refused_append_is_allowed()
    {
        var b = Lab.Host().Route("add 10.73.0.0/16 via 192.0.2.1 metric 100").Route("add 10.73.0.0/16 via 198.51.100.1 metric 50");
        Assert.Equal("10.73.1.1 via 198.51.100.1 dev eth1 src 198.51.100.10 uid 0", Lab.Line(b, "10.73.1.1"));
        Assert.Equal("RTNETLINK answers: File exists", Assert.Throws<HostBuilderException>(() => b.Route("add 10.73.0.0/16 via 10.0.0.2 metric 50")).Message);
        b.Route("append 10.73.0.0/16 via 10.0.0.2 metric 50");
        Assert.Equal(3, b.Build().Routes.Count(r => r.Dst.ToString() == "10.73.0.0/16"));
        Assert.Equal("10.73.1.1 via 198.51.100.1 dev eth1 src 198.51.100.10 uid 0", Lab.Line(b, "10.73.1.1"));
    }

    [Fact]
    public void Case31_linkdown_nexthops_are_used_unless_the_device_ignores_them()
    {
        var b = Lab.Host().SetLink("eth1", carrier: false)
            .Route("add 10.74.0.0/16 via 198.51.100.1 dev eth1 metric 10").Route("add 10.74.0.0/16 via 192.0.2.1 metric 20");
        var s = b.Build();
        Assert.Contains(s.Routes, r => r.Dst.ToString() == "10.74.0.0/16" && r.FirstNexthop!.IsLinkDown);
        Assert.Equal("10.74.1.1 via 198.51.100.1 dev eth1 src 198.51.100.10 uid 0", Lab.Line(b, "10.74.1.1"));
        b.Sysctl("net.ipv4.conf.eth1.ignore_routes_with_linkdown", 1);
        Assert.Equal("10.74.1.1 via 192.0.2.1 dev eth0 src 192.0.2.10 uid 0", Lab.Line(b, "10.74.1.1"));
        Assert.Equal("198.51.100.1 via 192.0.2.1 dev eth0 src 192.0.2.10 uid 0", Lab.Line(b, "198.51.100.1"));
    }

    [Fact]
    public void Case32_link_down_deletes_its_routes_but_not_its_local_route()
    {
        var b = Lab.Host().Route("add 10.75.0.0/16 via 198.51.100.1")
            .Route("add 10.90.0.0/16 nexthop via 192.0.2.1 dev eth0 nexthop via 198.51.100.1 dev eth1")
            .SetLink("eth1", up: false);
        var s = b.Build();
        Assert.DoesNotContain(s.Routes, r => r.Dst.ToString() == "10.75.0.0/16");
        var mp = s.Routes.Single(r => r.Dst.ToString() == "10.90.0.0/16");
        Assert.Equal(NexthopFlags.Dead | NexthopFlags.LinkDown, mp.Nexthops[1].Flags);
        Assert.Equal(MainTable("10.75.1.1"), Lab.Json(s, "10.75.1.1"));
        Assert.Equal("""{"dst":"10.90.1.1","gateway":"192.0.2.1","dev":"eth0","flags":[],"uid":0,"cache":[]}""".Replace("\"dev\":\"eth0\",", "\"dev\":\"eth0\",\"prefsrc\":\"192.0.2.10\","), Lab.Json(s, "10.90.1.1"));
        Assert.False(Assert.IsType<RouteDecision>(Lab.Query(s, "10.90.1.1")).MultipathChoiceUncertain);
        Assert.Equal("""{"type":"local","dst":"198.51.100.10","dev":"lo","prefsrc":"198.51.100.10","flags":[],"uid":0,"cache":["local"]}""", Lab.Json(s, "198.51.100.10"));
        Assert.Equal("""{"type":"local","dst":"198.51.100.10","from":"10.0.0.2","dev":"lo","flags":[],"cache":["local"],"iif":"eth2"}""", Lab.Json(s, "198.51.100.10 from 10.0.0.2 iif eth2"));
        Assert.Equal("""{"error":"Network is unreachable"}""", Lab.Json(s, "10.90.1.1 oif eth1"));
    }

    [Fact]
    public void Case33_gateways_must_be_directly_reachable_unless_onlink()
    {
        var b = Lab.Host().Route("add 10.70.0.0/16 via 192.0.2.1");
        Assert.Equal("Error: Nexthop has invalid gateway.", Assert.Throws<HostBuilderException>(() => b.Route("add 10.74.0.0/16 via 10.70.0.1")).Message);
        Assert.Equal("Error: Nexthop has invalid gateway.", Assert.Throws<HostBuilderException>(() => b.Route("add 10.74.0.0/16 via 192.0.2.1 dev eth1")).Message);
        Assert.Equal("Error: Nexthop has invalid gateway.", Assert.Throws<HostBuilderException>(() => b.Route("add 10.74.0.0/16 via 203.0.113.1")).Message);
        b.Route("add 10.74.0.0/16 via 203.0.113.1 dev eth0 onlink");
        var r = b.Build().Routes.Single(x => x.Dst.ToString() == "10.74.0.0/16");
        Assert.True(r.FirstNexthop!.IsOnLink);
        Assert.Equal("10.74.1.1 via 203.0.113.1 dev eth0 src 192.0.2.10 uid 0", Lab.Line(b, "10.74.1.1"));
        // A gateway route in a table of its own is checked through the whole policy: accepted with an empty table.
        b.Route("add default via 198.51.100.1 table 100");
    }

    [Fact]
    public void Case34_prefsrc_must_be_local_on_any_interface()
    {
        var b = Lab.Host();
        Assert.Equal("Error: Invalid prefsrc address.", Assert.Throws<HostBuilderException>(() => b.Route("add 10.76.0.0/16 via 192.0.2.1 src 10.99.99.99")).Message);
        b.Route("add 10.76.0.0/16 via 192.0.2.1 src 10.0.0.1");
        Assert.Equal("10.76.1.1 via 192.0.2.1 dev eth0 src 10.0.0.1 uid 0", Lab.Line(b, "10.76.1.1"));
    }

    [Fact]
    public void Case35_the_reverse_lookup_of_forwarded_traffic_comes_in_on_the_forward_egress()
    {
        var s = Lab.Host().Sysctl("net.ipv4.ip_forward", 1).Sysctl("net.ipv4.conf.all.rp_filter", 1)
            .Rule("add iif eth0 table 300").Route("add 10.0.0.0/24 dev eth1 table 300").Build();
        var e = Assert.IsType<RouteError>(Lab.Query(s, "8.8.8.8 from 10.0.0.2 iif eth2"));
        Assert.Equal(Errno.EINVAL, e.Errno);
        Assert.Equal(RouteErrorReason.ReversePathFilter, e.Reason);
        Assert.Equal("eth0", e.ReversePath!.ReverseIif);
        Assert.Equal("eth1", e.ReversePath.RouteDev);
        Assert.Equal("""{"dst":"8.8.8.8","from":"10.0.0.2","gateway":"192.0.2.1","dev":"eth0","flags":[],"cache":[],"iif":"eth1"}""", Lab.Json(s, "8.8.8.8 from 10.0.0.2 iif eth1"));
    }

    [Theory]
    [InlineData(0, 1, false)]
    [InlineData(0, 2, true)]
    [InlineData(1, 0, false)]
    [InlineData(1, 2, true)]
    [InlineData(2, 1, true)]
    [InlineData(0, 0, true)]
    public void Case36_rp_filter_is_the_max_of_all_and_the_device(int all, int dev, bool accepted)
    {
        var s = Lab.Host().Sysctl("net.ipv4.conf.all.rp_filter", all).Sysctl("net.ipv4.conf.eth1.rp_filter", dev).Build();
        var r = Lab.Query(s, "198.51.100.10 from 203.0.113.50 iif eth1");
        Assert.Equal(accepted, r is RouteDecision);
        if (!accepted)
        {
            Assert.Equal("""{"error":"Invalid argument"}""", Lab.Json(s, "198.51.100.10 from 203.0.113.50 iif eth1"));
            Assert.Equal(ReversePathOutcome.RejectedStrict, ((RouteError)r).ReversePath!.Outcome);
        }
        else
        {
            Assert.Equal("""{"type":"local","dst":"198.51.100.10","from":"203.0.113.50","dev":"lo","flags":[],"cache":["local"],"iif":"eth1"}""", Lab.Json(s, "198.51.100.10 from 203.0.113.50 iif eth1"));
        }
    }

    [Fact]
    public void Case37_a_source_rule_makes_strict_rp_filter_accept_and_replies_symmetric()
    {
        var s = Lab.Host().Sysctl("net.ipv4.conf.eth1.rp_filter", 1).Rule("add from 198.51.100.10 table 200")
            .Route("add default via 198.51.100.1 dev eth1 table 200").Build();
        var d = Assert.IsType<RouteDecision>(Lab.Query(s, "198.51.100.10 from 203.0.113.50 iif eth1"));
        Assert.Equal(ReversePathOutcome.AcceptedSameDevice, d.ReversePath!.Outcome);
        Assert.Equal(200u, d.ReversePath.Table);
        Assert.Equal("""{"type":"local","dst":"198.51.100.10","from":"203.0.113.50","dev":"lo","table":"local","flags":[],"cache":["local"],"iif":"eth1"}""", Lab.Json(s, "198.51.100.10 from 203.0.113.50 iif eth1"));
        Assert.Equal("""{"dst":"8.8.8.8","from":"198.51.100.10","gateway":"198.51.100.1","dev":"eth1","table":"200","flags":[],"uid":0,"cache":[]}""", Lab.Json(s, "8.8.8.8 from 198.51.100.10"));
    }

    [Fact]
    public void Case38_loose_rp_filter_needs_some_route_back()
    {
        var s = Lab.Host().Sysctl("net.ipv4.conf.eth1.rp_filter", 2).Route("del default").Build();
        var e = Assert.IsType<RouteError>(Lab.Query(s, "198.51.100.10 from 203.0.113.50 iif eth1"));
        Assert.Equal(ReversePathOutcome.RejectedNoRoute, e.ReversePath!.Outcome);
        var d = Assert.IsType<RouteDecision>(Lab.Query(s, "198.51.100.10 from 10.0.0.7 iif eth1"));
        Assert.Equal(ReversePathOutcome.AcceptedLoose, d.ReversePath!.Outcome);
        var withDefault = Lab.Host().Sysctl("net.ipv4.conf.eth1.rp_filter", 2).Build();
        Assert.IsType<RouteDecision>(Lab.Query(withDefault, "198.51.100.10 from 203.0.113.50 iif eth1"));
    }

    [Fact]
    public void Case39_marks_reach_the_reverse_lookup_only_with_src_valid_mark()
    {
        var b = Lab.Host().Sysctl("net.ipv4.conf.eth1.rp_filter", 1).Rule("add fwmark 0x1 table 100").Route("add " + Via1 + " table 100");
        Assert.Equal("""{"error":"Invalid argument"}""", Lab.Json(b, "198.51.100.10 from 203.0.113.50 iif eth1 mark 1"));
        b.Sysctl("net.ipv4.conf.all.src_valid_mark", 1);
        Assert.Equal("""{"type":"local","dst":"198.51.100.10","from":"203.0.113.50","dev":"lo","table":"local","flags":[],"mark":1,"cache":["local"],"iif":"eth1"}""", Lab.Json(b, "198.51.100.10 from 203.0.113.50 iif eth1 mark 1"));
    }

    [Fact]
    public void Case40_the_reverse_lookup_swaps_ports()
    {
        var s = Lab.Host().Sysctl("net.ipv4.conf.eth1.rp_filter", 1).Rule("add ipproto tcp dport 443 table 100").Route("add " + Via1 + " table 100").Build();
        Assert.IsType<RouteDecision>(Lab.Query(s, "198.51.100.10 from 203.0.113.50 iif eth1 ipproto tcp sport 443 dport 5555"));
        Assert.Equal("""{"error":"Invalid argument"}""", Lab.Json(s, "198.51.100.10 from 203.0.113.50 iif eth1 ipproto tcp sport 5555 dport 443"));
    }

    [Theory]
    [InlineData(0, 0, "198.51.100.10 from 192.0.2.10 iif eth1", false)]
    [InlineData(1, 0, "198.51.100.10 from 192.0.2.10 iif eth1", true)]
    [InlineData(1, 0, "192.0.2.10 from 192.0.2.10 iif eth0", true)]
    [InlineData(1, 1, "198.51.100.10 from 192.0.2.10 iif eth1", false)]
    [InlineData(1, 1, "192.0.2.10 from 192.0.2.10 iif eth0", true)]
    public void Case41_own_addresses_as_source_need_accept_local(int acceptLocal, int rpFilter, string query, bool accepted)
    {
        var s = Lab.Host().Sysctl("net.ipv4.conf.all.accept_local", acceptLocal).Sysctl("net.ipv4.conf.eth1.rp_filter", rpFilter).Build();
        var r = Lab.Query(s, query);
        Assert.Equal(accepted, r is RouteDecision);
        if (r is RouteError e)
            Assert.Equal(Errno.EINVAL, e.Errno);
    }

    [Fact]
    public void Case42_strict_rp_filter_rejects_the_arp_requesters_source()
    {
        // arp_process routes the request (target from sender) on the receiving device, which runs
        // the same reverse-path check: no reply for a sender that fails it.
        var s = Lab.Host().Sysctl("net.ipv4.conf.all.rp_filter", 1).Build();
        var rp = new Simulator(s).ReversePath(System.Net.IPAddress.Parse("203.0.113.50"), System.Net.IPAddress.Parse("198.51.100.10"), "eth1");
        Assert.False(rp.Accepted);
        Assert.Equal(ReversePathOutcome.RejectedStrict, rp.Outcome);
        Assert.Equal("eth0", rp.RouteDev);
    }

    [Fact]
    public void Case43_forwarding_off_no_route_and_martian_destinations()
    {
        Assert.Equal("""{"error":"No route to host"}""", Lab.Json(Lab.Host(), "8.8.8.8 from 10.0.0.2 iif eth2"));
        Assert.Equal("""{"type":"local","dst":"192.0.2.10","from":"10.0.0.2","dev":"lo","flags":[],"cache":["local"],"iif":"eth2"}""", Lab.Json(Lab.Host(), "192.0.2.10 from 10.0.0.2 iif eth2"));
        var on = Lab.Host().Sysctl("net.ipv4.ip_forward", 1).Route("del default").Build();
        Assert.Equal("""{"error":"Network is unreachable"}""", Lab.Json(on, "8.8.8.8 from 10.0.0.2 iif eth2"));
        Assert.Equal("""{"error":"Invalid argument"}""", Lab.Json(on, "127.0.0.1 from 10.0.0.2 iif eth2"));
        Assert.Equal("""{"error":"Invalid argument"}""", Lab.Json(on, "10.0.0.2 from 127.0.0.1 iif eth2"));
    }

    [Theory]
    [InlineData(1, "192.0.2.50 from 192.0.2.1 iif eth0", """{"dst":"192.0.2.50","from":"192.0.2.1","dev":"eth0","flags":[],"cache":["redirect"],"iif":"eth0"}""")]
    [InlineData(1, "8.8.8.8 from 192.0.2.1 iif eth0", """{"dst":"8.8.8.8","from":"192.0.2.1","gateway":"192.0.2.1","dev":"eth0","flags":[],"cache":["redirect"],"iif":"eth0"}""")]
    [InlineData(1, "8.8.8.8 from 203.0.113.9 iif eth0", """{"dst":"8.8.8.8","from":"203.0.113.9","gateway":"192.0.2.1","dev":"eth0","flags":[],"cache":[],"iif":"eth0"}""")]
    [InlineData(1, "192.0.2.50 from 203.0.113.9 iif eth0", """{"dst":"192.0.2.50","from":"203.0.113.9","dev":"eth0","flags":[],"cache":[],"iif":"eth0"}""")]
    [InlineData(0, "192.0.2.50 from 192.0.2.1 iif eth0", """{"dst":"192.0.2.50","from":"192.0.2.1","dev":"eth0","flags":[],"cache":["redirect"],"iif":"eth0"}""")]
    [InlineData(0, "8.8.8.8 from 192.0.2.7 iif eth0", """{"dst":"8.8.8.8","from":"192.0.2.7","gateway":"192.0.2.1","dev":"eth0","flags":[],"cache":["redirect"],"iif":"eth0"}""")]
    public void Case44_forwarding_back_out_of_the_input_device_flags_a_redirect(int sharedMedia, string query, string expected)
    {
        var s = Lab.Host().Sysctl("net.ipv4.ip_forward", 1).Sysctl("net.ipv4.conf.all.shared_media", sharedMedia).Sysctl("net.ipv4.conf.eth0.shared_media", sharedMedia).Build();
        Assert.Equal(expected, Lab.Json(s, query));
    }

    [Fact]
    public void Case45_ecmp_prefers_the_nexthop_owning_the_source()
    {
        var s = Lab.Host().Route("add 10.90.0.0/16 nexthop via 192.0.2.1 dev eth0 nexthop via 198.51.100.1 dev eth1").Build();
        Assert.Equal("""{"dst":"10.90.7.7","from":"198.51.100.10","gateway":"198.51.100.1","dev":"eth1","flags":[],"uid":0,"cache":[]}""", Lab.Json(s, "10.90.7.7 from 198.51.100.10"));
        Assert.Equal("""{"dst":"10.90.7.7","from":"192.0.2.10","gateway":"192.0.2.1","dev":"eth0","flags":[],"uid":0,"cache":[]}""", Lab.Json(s, "10.90.7.7 from 192.0.2.10"));
        Assert.False(((RouteDecision)Lab.Query(s, "10.90.7.7 from 198.51.100.10")).MultipathChoiceUncertain);
        Assert.True(((RouteDecision)Lab.Query(s, "10.90.7.7")).MultipathChoiceUncertain);
    }

    [Fact]
    public void Case46_ipv6_rules_with_from_need_a_source()
    {
        var s = Lab.Host().Rule("-6 add from 2001:db8:2::/64 table 200").Route("-6 add default via 2001:db8:2::1 dev eth1 table 200")
            .Route("-6 add default via 2001:db8:1::1 dev eth0").Build();
        Assert.Equal("""{"dst":"2001:4860::1","from":"::","gateway":"2001:db8:1::1","dev":"eth0","prefsrc":"2001:db8:1::10","metric":1024,"flags":[],"pref":"medium"}""", Lab.Json(s, "2001:4860::1"));
        Assert.Equal("""{"dst":"2001:4860::1","from":"2001:db8:2::10","gateway":"2001:db8:2::1","dev":"eth1","table":"200","prefsrc":"2001:db8:2::10","metric":1024,"flags":[],"pref":"medium"}""", Lab.Json(s, "2001:4860::1 from 2001:db8:2::10"));
        Assert.Equal("""{"dst":"2001:4860::1","from":"2001:db8:2::10","gateway":"2001:db8:2::1","dev":"eth1","table":"200","metric":1024,"flags":[],"iif":"eth2","pref":"medium"}""", Lab.Json(s, "2001:4860::1 from 2001:db8:2::10 iif eth2"));
    }

    [Theory]
    [InlineData("2001:4860::1 oif eth1", """{"error":"Network is unreachable"}""")]
    [InlineData("2001:4860::1 from 2001:db8:1::10 oif eth1", """{"dst":"2001:4860::1","from":"2001:db8:1::10","gateway":"2001:db8:1::1","dev":"eth0","prefsrc":"2001:db8:1::10","metric":1024,"flags":[],"pref":"medium"}""")]
    [InlineData("2001:4860::1 oif eth0", """{"dst":"2001:4860::1","from":"::","gateway":"2001:db8:1::1","dev":"eth0","prefsrc":"2001:db8:1::10","metric":1024,"flags":[],"pref":"medium"}""")]
    [InlineData("2001:db8:2::5 oif eth1", """{"dst":"2001:db8:2::5","from":"::","dev":"eth1","protocol":"kernel","prefsrc":"2001:db8:2::10","metric":256,"flags":[],"pref":"medium"}""")]
    [InlineData("2001:db8:2::5 oif eth0", """{"dst":"2001:db8:2::5","from":"::","gateway":"2001:db8:1::1","dev":"eth0","prefsrc":"2001:db8:1::10","metric":1024,"flags":[],"pref":"medium"}""")]
    public void Case47_ipv6_oif_is_strict_only_without_a_source(string query, string expected)
    {
        var s = Lab.Host().Route("-6 add default via 2001:db8:1::1 dev eth0").Build();
        Assert.Equal(expected, Lab.Json(s, query));
    }

    [Fact]
    public void Case48_router_preference_decides_between_ra_defaults_of_one_metric()
    {
        var s = Lab.Host()
            .Route("-6 add default via fe80::1 dev eth0 proto ra metric 1024 hoplimit 64 pref medium")
            .Route("-6 append default via fe80::2 dev eth1 proto ra metric 1024 hoplimit 64 pref high").Build();
        Assert.Equal(2, s.Routes.Count(r => r.Family == Family.Inet6 && r.Dst.IsDefault));
        Assert.Equal("2001:4860::1 from :: via fe80::2 dev eth1 proto ra src 2001:db8:2::10 metric 1024 hoplimit 64 pref high\n", Lab.Get(s, "2001:4860::1"));
    }

    [Fact]
    public void Case49_ipv6_source_selection_newest_longest_match_never_deprecated()
    {
        var b = Lab.Host().AddAddress("eth0", "2001:db8:1::20/64", flags: AddressFlags.Permanent | AddressFlags.NoDad);
        Assert.Contains("src 2001:db8:1::20 ", Lab.Get(b, "2001:db8:1::99"));
        b.AddAddress("eth0", "2001:db8:1::30/128", flags: AddressFlags.Permanent | AddressFlags.NoDad)
         .AddAddress("eth0", "2001:db8:1::40/64", flags: AddressFlags.Permanent | AddressFlags.NoDad | AddressFlags.Deprecated);
        Assert.Equal("2001:db8:1::99 from :: dev eth0 proto kernel src 2001:db8:1::30 metric 256 pref medium\n", Lab.Get(b, "2001:db8:1::99"));
        Assert.Contains("src 2001:db8:1::30 ", Lab.Get(b, "2001:db8:1::41"));
        Assert.Contains("src 2001:db8:1::30 ", Lab.Get(b, "2001:db8:1::31"));
    }

    [Fact]
    public void Case50_tentative_link_local_addresses_are_not_sources()
    {
        var s = new HostBuilder().AddLink("eth0", ipv6LinkLocal: false)
            .AddAddress("eth0", "fe80::5/64", flags: AddressFlags.Permanent | AddressFlags.Tentative)
            .AddAddress("eth0", "2001:db8:1::10/64").Build();
        Assert.Contains("src 2001:db8:1::10 ", Lab.Get(s, "fe80::1"));
        var done = new HostBuilder().AddLink("eth0", ipv6LinkLocal: false).AddAddress("eth0", "fe80::5/64").AddAddress("eth0", "2001:db8:1::10/64").Build();
        Assert.Contains("src fe80::5 ", Lab.Get(done, "fe80::1"));
    }

    [Fact]
    public void Case51_ipv6_append_makes_one_ecmp_route()
    {
        var b = Lab.Host().Route("-6 add default via 2001:db8:1::1 dev eth0");
        Assert.Equal("RTNETLINK answers: File exists", Assert.Throws<HostBuilderException>(() => b.Route("-6 add default via 2001:db8:2::1 dev eth1")).Message);
        b.Route("-6 append default via 2001:db8:2::1 dev eth1");
        var r = b.Build().Routes.Single(x => x.Family == Family.Inet6 && x.Dst.IsDefault);
        Assert.Equal(2, r.Nexthops.Length);
        Assert.Equal("""{"dst":"2001:4860::1","from":"::","gateway":"2001:db8:2::1","dev":"eth1","prefsrc":"2001:db8:2::10","metric":1024,"flags":[],"pref":"medium"}""", Lab.Json(b, "2001:4860::1 oif eth1"));
        Assert.True(((RouteDecision)Lab.Query(b.Build(), "2001:4860::1 from 2001:db8:2::10 iif eth2")).MultipathChoiceUncertain);
    }

    [Fact]
    public void Case52_not_iif_of_a_missing_device_matches_everything()
    {
        var s = Lab.Host().Rule("add pref 100 not iif ghost0 table 100").Route("add " + Via1 + " table 100").Build();
        var rule = s.Rules.Single(r => r.Priority == 100);
        Assert.Equal("100:\tnot from all iif ghost0 [detached] lookup 100", Symroute.Output.RuleText.Format(rule, s.TableNames));
        Assert.Equal(T100("8.8.8.8"), Lab.Json(s, "8.8.8.8"));
    }

    [Fact]
    public void Case53_forwarding_is_read_on_the_input_device_only()
    {
        var s = Lab.Host().Sysctl("net.ipv4.ip_forward", 1).Sysctl("net.ipv4.conf.eth2.forwarding", 0).Build();
        Assert.Equal("""{"error":"No route to host"}""", Lab.Json(s, "192.0.2.1 from 10.0.0.2 iif eth2"));
        Assert.Equal("""{"dst":"192.0.2.1","from":"198.51.100.7","dev":"eth0","flags":[],"cache":[],"iif":"eth1"}""", Lab.Json(s, "192.0.2.1 from 198.51.100.7 iif eth1"));
        Assert.Equal(RouteErrorReason.ForwardingDisabled, ((RouteError)Lab.Query(s, "192.0.2.1 from 10.0.0.2 iif eth2")).Reason);
    }

    [Theory]
    [InlineData("8.8.8.8 iif eth2", """{"error":"Invalid argument"}""")]
    [InlineData("255.255.255.255 iif eth2", """{"type":"broadcast","dst":"255.255.255.255","dev":"lo","flags":[],"cache":["local","brd"],"iif":"eth2"}""")]
    [InlineData("10.0.0.255 iif eth2", """{"error":"Invalid argument"}""")]
    public void Case54_input_without_a_source_is_martian_unless_broadcast(string query, string expected) =>
        Assert.Equal(expected, Lab.Json(Lab.Host().Sysctl("net.ipv4.ip_forward", 1), query));

    [Theory]
    [InlineData("10.0.0.255 from 10.0.0.2 iif eth2", """{"type":"broadcast","dst":"10.0.0.255","from":"10.0.0.2","dev":"lo","flags":[],"cache":["local","brd"],"iif":"eth2"}""")]
    [InlineData("255.255.255.255 from 0.0.0.0 iif eth2", """{"type":"broadcast","dst":"255.255.255.255","dev":"lo","flags":[],"cache":["local","brd"],"iif":"eth2"}""")]
    [InlineData("255.255.255.255 from 10.0.0.2 iif eth2", """{"type":"broadcast","dst":"255.255.255.255","from":"10.0.0.2","dev":"lo","flags":[],"cache":["local","brd"],"iif":"eth2"}""")]
    [InlineData("224.0.0.1 from 10.0.0.2 iif eth2", """{"type":"multicast","dst":"224.0.0.1","from":"10.0.0.2","dev":"lo","flags":["rt_offload_failed"],"cache":["local","mc"],"iif":"eth2"}""")]
    [InlineData("224.0.0.5 from 10.0.0.2 iif eth2", """{"error":"Invalid argument"}""")]
    [InlineData("224.0.0.1 iif eth2", """{"type":"multicast","dst":"224.0.0.1","dev":"lo","flags":["rt_offload_failed"],"cache":["local","mc"],"iif":"eth2"}""")]
    public void Case55_broadcast_and_multicast_input(string query, string expected) =>
        Assert.Equal(expected, Lab.Json(Lab.Host(), query));

    [Fact]
    public void Case56_uid_is_printed_on_input_but_not_used()
    {
        var s = Lab.Host().Sysctl("net.ipv4.ip_forward", 1).Build();
        Assert.Equal("8.8.8.8 from 10.0.0.2 via 192.0.2.1 dev eth0 uid 5 \n    cache iif eth2 \n", Lab.Get(s, "8.8.8.8 from 10.0.0.2 iif eth2 uid 5"));
    }

    [Fact]
    public void Case57_unknown_devices_are_no_such_device_to_the_simulator()
    {
        var e = Assert.IsType<RouteError>(Lab.Query(Lab.Host().Build(), "8.8.8.8 oif nosuch"));
        Assert.Equal(Errno.ENODEV, e.Errno);
        Assert.Equal(RouteErrorReason.UnknownDevice, e.Reason);
    }

    [Fact]
    public void Case58_tables_in_one_hash_bucket_dump_newest_first_before_main_and_local()
    {
        var s = Lab.Host().Route("add 10.1.0.0/16 via 192.0.2.1 table 100").Route("add 10.2.0.0/16 via 192.0.2.1 table 356")
            .Route("add 10.3.0.0/16 via 192.0.2.1 table 612").Build();
        var tables = s.Routes.Where(r => r.Family == Family.Inet).Select(r => r.Table).Distinct().ToList();
        Assert.Equal([612u, 356u, 100u, 254u, 255u], tables);
    }

    [Fact]
    public void Ipv6_input_to_a_multicast_route_is_message_too_long()
    {
        Assert.Equal("""{"error":"Message too long"}""", Lab.Json(Lab.Host(), "ff02::1 from fe80::5 iif eth1"));
    }
}
