using System.Net;
using Xunit;

namespace Symroute.Tests.Differential;

/// <summary>The comparison layer on its own: parsing both sides, field differences, the ECMP allowance.</summary>
public sealed class ComparisonTests
{
    private static readonly IReadOnlyList<KernelAddress> Addrs = KernelAddress.ParseJson("""
        [{"ifindex":1,"ifname":"lo","addr_info":[{"family":"inet","local":"127.0.0.1","prefixlen":8,"scope":"host","label":"lo"}]},
         {"ifindex":2,"ifname":"eth0","addr_info":[{"family":"inet","local":"192.0.2.10","prefixlen":24,"scope":"global","label":"eth0"},
                                                   {"family":"inet","local":"192.0.2.20","prefixlen":24,"scope":"global","secondary":true,"label":"eth0"}]},
         {"ifindex":3,"ifname":"eth1","addr_info":[{"family":"inet","local":"169.254.1.1","prefixlen":16,"scope":"link","label":"eth1"},
                                                   {"family":"inet","local":"198.51.100.10","prefixlen":24,"scope":"global","label":"eth1"}]}]
        """);

    private const string MultipathFib = """[{"dst":"10.90.0.0/16","flags":[],"nexthops":[{"gateway":"192.0.2.1","dev":"eth0","weight":1,"flags":[]},{"gateway":"198.51.100.1","dev":"eth1","weight":1,"flags":[]}]}]""";
    private const string ViaEth0 = """[{"dst":"10.90.7.7","gateway":"192.0.2.1","dev":"eth0","prefsrc":"192.0.2.10","flags":[],"uid":0,"cache":[]}]""";
    private const string ViaEth1 = """{"dst":"10.90.7.7","gateway":"198.51.100.1","dev":"eth1","prefsrc":"198.51.100.10","flags":[],"uid":0,"cache":[]}""";

    private static DiffQuery Q(string dst, string? from = null, string? oif = null) =>
        new(IPAddress.Parse(dst), from is null ? null : IPAddress.Parse(from), Oif: oif);

    private static KernelAnswer K(string answer, string? fib = null) => new(RouteAnswer.Parse(answer), fib is null ? null : FibEntry.Parse(fib));

    [Fact]
    public void Batch_errors_belong_to_the_line_named_after_them()
    {
        var e = BatchErrors.Parse("Cannot find device \"ghost0\"\nCommand failed -:2\nRTNETLINK answers: Network is unreachable\nCommand failed -:5\nError: Unsupported ip proto.\nCommand failed -:7\n");
        Assert.Equal(3, e.Count);
        Assert.Equal("Cannot find device \"ghost0\"", e[2]);
        Assert.Equal("Network is unreachable", BatchErrors.ErrorMessage(e[5]));
        Assert.Equal("Error: Unsupported ip proto.", BatchErrors.ErrorMessage(e[7]));
    }

    [Fact]
    public void Answers_parse_from_ip_json_arrays_bare_objects_and_errors()
    {
        var k = RouteAnswer.Parse("""[{"type":"local","dst":"192.0.2.10","dev":"lo","table":"local","prefsrc":"192.0.2.10","flags":[],"uid":0,"cache":["local"]}]""");
        Assert.Equal(("local", "192.0.2.10", "lo", "local", "192.0.2.10"), (k.Type, k.Dst, k.Dev, k.Table, k.PrefSrc));
        var u = RouteAnswer.Parse("""{"dst":"8.8.8.8","from":"10.0.0.2","gateway":"192.0.2.1","dev":"eth0","flags":[],"cache":[],"iif":"eth2"}""");
        Assert.Equal(("unicast", "10.0.0.2", "192.0.2.1", "eth2"), (u.Type, u.From, u.Gateway, u.Iif));
        Assert.Equal("Network is unreachable", RouteAnswer.Parse("""{"error": "Network is unreachable"}""").Error);
        Assert.True(RouteAnswer.Parse("not json").IsError);
        Assert.True(RouteAnswer.Parse("[]").IsError);
    }

    [Fact]
    public void Equal_answers_agree_whatever_the_other_keys()
    {
        var c = AnswerComparer.Compare(Q("10.90.7.7"), K(ViaEth0, MultipathFib),
            RouteAnswer.Parse("""{"dst":"10.90.7.7","gateway":"192.0.2.1","dev":"eth0","prefsrc":"192.0.2.10"}"""), Addrs);
        Assert.Equal(Verdict.Agree, c.Verdict);
    }

    [Fact]
    public void A_different_field_is_a_disagreement_naming_it()
    {
        var c = AnswerComparer.Compare(Q("8.8.8.8"), K("""[{"dst":"8.8.8.8","gateway":"192.0.2.1","dev":"eth0","table":"100","prefsrc":"192.0.2.10"}]"""),
            RouteAnswer.Parse("""{"dst":"8.8.8.8","gateway":"192.0.2.1","dev":"eth0","prefsrc":"192.0.2.10"}"""), Addrs);
        Assert.Equal(Verdict.Disagree, c.Verdict);
        Assert.Equal("table", Assert.Single(c.Fields));
    }

    [Fact]
    public void Error_against_route_and_different_messages_disagree()
    {
        var c1 = AnswerComparer.Compare(Q("8.8.8.8"), new KernelAnswer(RouteAnswer.FromError("Network is unreachable"), null), RouteAnswer.Parse(ViaEth1), Addrs);
        Assert.Equal((Verdict.Disagree, "error"), (c1.Verdict, c1.Fields.Single()));
        var c2 = AnswerComparer.Compare(Q("8.8.8.8"), new KernelAnswer(RouteAnswer.FromError("Network is unreachable"), null), RouteAnswer.FromError("No route to host"), Addrs);
        Assert.Equal(Verdict.Disagree, c2.Verdict);
        var c3 = AnswerComparer.Compare(Q("8.8.8.8"), new KernelAnswer(RouteAnswer.FromError("Permission denied"), null), RouteAnswer.Parse("""{"error":"Permission denied"}"""), Addrs);
        Assert.Equal(Verdict.Agree, c3.Verdict);
    }

    [Fact]
    public void Another_alive_nexthop_of_a_hashed_multipath_choice_is_accepted()
    {
        var c = AnswerComparer.Compare(Q("10.90.7.7"), K(ViaEth0, MultipathFib), RouteAnswer.Parse(ViaEth1), Addrs);
        Assert.Equal(Verdict.EcmpAgree, c.Verdict);
    }

    [Fact]
    public void Ecmp_allowance_needs_a_multipath_entry()
    {
        var single = """[{"dst":"10.90.0.0/16","gateway":"192.0.2.1","dev":"eth0","flags":[]}]""";
        Assert.Equal(Verdict.Disagree, AnswerComparer.Compare(Q("10.90.7.7"), K(ViaEth0, single), RouteAnswer.Parse(ViaEth1), Addrs).Verdict);
    }

    [Fact]
    public void Ecmp_allowance_excludes_dead_nexthops_oif_queries_and_other_fields()
    {
        var dead = MultipathFib.Replace("\"weight\":1,\"flags\":[]}]", "\"weight\":1,\"flags\":[\"dead\",\"linkdown\"]}]", StringComparison.Ordinal);
        Assert.Equal(Verdict.Disagree, AnswerComparer.Compare(Q("10.90.7.7"), K(ViaEth0, dead), RouteAnswer.Parse(ViaEth1), Addrs).Verdict);
        Assert.Equal(Verdict.Disagree, AnswerComparer.Compare(Q("10.90.7.7", oif: "eth0"), K(ViaEth0, MultipathFib), RouteAnswer.Parse(ViaEth1), Addrs).Verdict);
        var withTable = ViaEth1.Replace("\"flags\"", "\"table\":\"100\",\"flags\"", StringComparison.Ordinal);
        Assert.Equal(Verdict.Disagree, AnswerComparer.Compare(Q("10.90.7.7"), K(ViaEth0, MultipathFib), RouteAnswer.Parse(withTable), Addrs).Verdict);
    }

    [Fact]
    public void Same_nexthop_with_another_prefsrc_is_no_ecmp_choice()
    {
        var sim = RouteAnswer.Parse("""{"dst":"10.90.7.7","gateway":"192.0.2.1","dev":"eth0","prefsrc":"192.0.2.20"}""");
        Assert.Equal(Verdict.Disagree, AnswerComparer.Compare(Q("10.90.7.7"), K(ViaEth0, MultipathFib), sim, Addrs).Verdict);
    }

    [Fact]
    public void A_source_owned_by_one_nexthop_forces_that_nexthop()
    {
        // 6.16+: fib_select_multipath prefers the nexthop whose cached source is the flow's source.
        var kernel = K("""[{"dst":"10.90.7.7","from":"198.51.100.10","gateway":"198.51.100.1","dev":"eth1","flags":[],"uid":0,"cache":[]}]""", MultipathFib);
        var sim = RouteAnswer.Parse("""{"dst":"10.90.7.7","from":"198.51.100.10","gateway":"192.0.2.1","dev":"eth0"}""");
        Assert.Equal(Verdict.Disagree, AnswerComparer.Compare(Q("10.90.7.7", from: "198.51.100.10"), kernel, sim, Addrs).Verdict);
        // A source no nexthop owns leaves the choice to the hash.
        var k2 = K("""[{"dst":"10.90.7.7","from":"192.0.2.20","gateway":"198.51.100.1","dev":"eth1","flags":[],"uid":0,"cache":[]}]""", MultipathFib);
        var s2 = RouteAnswer.Parse("""{"dst":"10.90.7.7","from":"192.0.2.20","gateway":"192.0.2.1","dev":"eth0"}""");
        Assert.Equal(Verdict.EcmpAgree, AnswerComparer.Compare(Q("10.90.7.7", from: "192.0.2.20"), k2, s2, Addrs).Verdict);
    }

    [Fact]
    public void Nexthop_source_follows_inet_select_addr()
    {
        Assert.Equal(IPAddress.Parse("192.0.2.10"), NexthopSource.Select(Addrs, "eth0", IPAddress.Parse("192.0.2.1"), 0));
        // Gateway outside every subnet: first primary of suitable scope (the link-scope one is skipped for global scope).
        Assert.Equal(IPAddress.Parse("198.51.100.10"), NexthopSource.Select(Addrs, "eth1", IPAddress.Parse("203.0.113.1"), 0));
        // Dev route (scope link): the link-scope address listed first wins.
        Assert.Equal(IPAddress.Parse("169.254.1.1"), NexthopSource.Select(Addrs, "eth1", null, 253));
        // A device without addresses borrows the first global primary of the netns.
        Assert.Equal(IPAddress.Parse("192.0.2.10"), NexthopSource.Select(Addrs, "eth9", null, 0));
    }
}
