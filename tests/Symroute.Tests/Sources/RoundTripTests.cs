using System.Text;
using Symroute.Model;
using Symroute.Output;
using Symroute.Sources;
using Xunit;

namespace Symroute.Tests.Sources;

/// <summary>model → text/JSON/snapshot → parse gives the same model, for random models.</summary>
public class RoundTripTests
{
    private const int Cases = 400;
    private static readonly TableNames Names = ModelGenerator.Names;

    public static IEnumerable<object[]> Seeds() => Enumerable.Range(0, 4).Select(i => new object[] { 1000 + i });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Json_round_trip(int seed)
    {
        var g = new ModelGenerator(seed);
        for (int i = 0; i < Cases; i++)
        {
            var s = g.State();
            var back = IpJsonSource.Parse(new IpJsonInput(
                IpJsonWriter.LinksText(s),
                IpJsonWriter.RoutesText(s.RoutesOf(Family.Inet), Names),
                IpJsonWriter.RoutesText(s.RoutesOf(Family.Inet6), Names),
                IpJsonWriter.RulesText(s.RulesOf(Family.Inet), Names),
                IpJsonWriter.RulesText(s.RulesOf(Family.Inet6), Names),
                Names));
            Check(s, back, seed, i);
            // One combined route array (ip route show table all) gives the same routes.
            var all = IpJsonSource.ParseRoutes(Encoding.UTF8.GetBytes(IpJsonWriter.RoutesText(s.Routes, Names)), "r", null, Names);
            Check(s, s with { Routes = all }, seed, i);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Text_round_trip_with_prompts(int seed)
    {
        var g = new ModelGenerator(seed);
        for (int i = 0; i < Cases; i++)
        {
            var s = g.State();
            string text = "$ ip addr\n" + IpTextFormatter.FormatLinks(s)
                + "$ ip rule\n" + IpTextFormatter.FormatRules(s.RulesOf(Family.Inet), Names)
                + "$ ip -6 rule\n" + IpTextFormatter.FormatRules(s.RulesOf(Family.Inet6), Names)
                + "$ ip route show table all\n" + IpTextFormatter.FormatRoutes(s.Routes, Names);
            Check(s, IpTextSource.Parse(text, "t.txt", Names), seed, i, text);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Text_round_trip_without_prompts(int seed)
    {
        var g = new ModelGenerator(seed);
        for (int i = 0; i < Cases; i++)
        {
            var s = ModelGenerator.WithDefaultRules(g.State());
            // Without prompts a rule list's family comes from its addresses or its place, and
            // repeated outputs are merged: print IPv4 rules first, then IPv6, then routes twice.
            string text = IpTextFormatter.FormatRules(s.RulesOf(Family.Inet), Names)
                + IpTextFormatter.FormatRules(s.RulesOf(Family.Inet6), Names)
                + IpTextFormatter.FormatRoutes(s.Routes, Names)
                + IpTextFormatter.FormatLinks(s)
                + IpTextFormatter.FormatRoutes(s.RoutesOf(Family.Inet6), Names);
            Check(s, IpTextSource.Parse(text, "t.txt", Names), seed, i, text);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Snapshot_round_trip(int seed)
    {
        var g = new ModelGenerator(seed);
        for (int i = 0; i < Cases; i++)
        {
            var s = g.State() with
            {
                Sysctls = g.Sysctls(),
                Hostname = i % 3 == 0 ? null : "host-" + i,
                KernelRelease = "6.18." + i,
                CapturedAt = i % 4 == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000 + i * 7919L).ToOffset(TimeSpan.FromMinutes(i % 5 * 30)),
                LocalTableMerged = (i % 3) switch { 0 => null, 1 => true, _ => false },
            };
            var bytes = SnapshotWriter.Write(s);
            var back = SnapshotReader.Read(bytes, "s.json");
            Check(s, back, seed, i);
            Assert.Equal(Encoding.UTF8.GetString(bytes), Encoding.UTF8.GetString(SnapshotWriter.Write(back)));
        }
    }

    private static void Check(HostState expected, HostState actual, int seed, int i, string? text = null)
    {
        var d = HostStateDiff.Compare(expected, actual, 5);
        Assert.True(d.Count == 0, $"seed {seed} case {i}:\n{string.Join("\n", d)}\n{text}");
    }
}
