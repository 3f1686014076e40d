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
