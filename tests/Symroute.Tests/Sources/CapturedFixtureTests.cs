using System.Text.RegularExpressions;
using Symroute.Model;
using Symroute.Output;
using Symroute.Sources;
using Xunit;

namespace Symroute.Tests.Sources;

/// <summary>The comparisons of the namespace lab, on outputs captured from it (runs without root).</summary>
public class CapturedFixtureTests
{
    private static readonly TableNames Names = TableNames.Builtin;

    public static TheoryData<string> Labs() => new() { "lab1", "lab2" };

    private static string F(string lab, string name) => Fixtures.Read($"ip/{lab}/{name}");

    private static HostState Json(string lab) => IpJsonSource.Parse(new IpJsonInput(
        F(lab, "addr.json"), F(lab, "route.json"), F(lab, "route6.json"), F(lab, "rule.json"), F(lab, "rule6.json"), Names));

    [Theory]
    [MemberData(nameof(Labs))]
    public void Json_and_text_give_the_same_model(string lab)
    {
        var json = ModelAssert.WithoutTimers(Json(lab));
        string prompts = $"$ ip addr show\n{F(lab, "addr.txt")}$ ip rule show\n{F(lab, "rule.txt")}$ ip -6 rule show\n{F(lab, "rule6.txt")}"
            + $"$ ip route show table all\n{F(lab, "route.txt")}$ ip -6 route show table all\n{F(lab, "route6.txt")}";
        string bare = F(lab, "rule.txt") + F(lab, "route6.txt") + F(lab, "addr.txt") + F(lab, "route.txt") + F(lab, "rule6.txt");
        ModelAssert.Equal(json, ModelAssert.WithoutTimers(IpTextSource.Parse(prompts, "p.txt", Names)));
        ModelAssert.Equal(json, ModelAssert.WithoutTimers(IpTextSource.Parse(bare, "b.txt", Names)));
    }

    [Theory]
    [MemberData(nameof(Labs))]
    public void Writers_print_what_ip_printed(string lab)
    {
        var json = Json(lab);
        Assert.Equal(F(lab, "route.json").Replace(",\"advmss\":1200", ""), IpJsonWriter.RoutesText(json.Routes, Names));
        Assert.Equal(F(lab, "rule.json"), IpJsonWriter.RulesText(json.RulesOf(Family.Inet), Names));
        Assert.Equal(F(lab, "rule6.json"), IpJsonWriter.RulesText(json.RulesOf(Family.Inet6), Names));
        Assert.Equal(Regex.Replace(F(lab, "addr.json"), ",\"link_netnsid\":\\d+", ""), IpJsonWriter.LinksText(json));
        var text = IpTextSource.Parse(F(lab, "addr.txt") + F(lab, "rule.txt") + F(lab, "rule6.txt") + F(lab, "route.txt"), "t.txt", Names);
        IpTextSourceTests.Compare(F(lab, "route.txt"), IpTextFormatter.FormatRoutes(text.Routes, Names));
        IpTextSourceTests.Compare(F(lab, "rule.txt"), IpTextFormatter.FormatRules(text.RulesOf(Family.Inet), Names));
        IpTextSourceTests.Compare(F(lab, "rule6.txt"), IpTextFormatter.FormatRules(text.RulesOf(Family.Inet6), Names));
        IpTextSourceTests.Compare(F(lab, "addr.txt"), IpTextFormatter.FormatLinks(text));
    }
}

/// <summary><c>ip -d</c>, <c>ip -o</c> and <c>ip -s</c> text (lab3) against <c>ip -d -json</c> of the same moment.</summary>
public class CapturedVariantsTests
{
    private static string F(string name) => Fixtures.Read("ip/lab3/" + name);

    private static HostState Json() => ModelAssert.WithoutTimers(IpJsonSource.Parse(new IpJsonInput(
        AddrJson: F("addr.json"), Route4Json: F("route.json"), Rule4Json: F("rule.json"), Rule6Json: F("rule6.json"))));

    [Fact]
    public void Details_text_gives_the_details_json_model()
    {
        var json = Json();
        Assert.Contains(json.Links, l => l.Kind == "veth");
        ModelAssert.Equal(json, ModelAssert.WithoutTimers(IpTextSource.Parse(F("details.txt"), "details.txt")));
    }

    [Fact]
    public void Oneline_and_stats_text_give_the_same_model_but_the_link_kind()
    {
        var json = Json();
        var expected = json with { Links = [.. json.Links.Select(l => l with { Kind = null })] };
        ModelAssert.Equal(expected, ModelAssert.WithoutTimers(IpTextSource.Parse(F("oneline.txt"), "oneline.txt")));
    }
}
