using System.Net;
using Symroute.Host.Apply;
using Symroute.Model;
using Symroute.Planning;
using Xunit;

namespace Symroute.Tests.Apply;

public class JournalFileTests
{
    [Fact]
    public void A_journal_reads_back_as_written()
    {
        var route = new Route(Family.Inet, 1000, RouteType.Unicast, new IpPrefix(IPAddress.Parse("10.10.20.0"), 24),
            [new Nexthop(null, "eth1")], Scope.Link, Ownership.Protocol, PrefSrc: IPAddress.Parse("10.10.20.50"));
        var gone = new Route(Family.Inet6, RouteTableId.Main, RouteType.Unicast, IpPrefix.Default(Family.Inet6),
            [new Nexthop(IPAddress.Parse("fe80::1"), "eth1")], Scope.Global, RouteProtocol.Ra, Metric: 1024);
        var rule = new Rule(Family.Inet, 1000, RuleAction.Lookup, Table: 1000, From: new IpPrefix(IPAddress.Parse("10.10.20.50"), 32), Protocol: Ownership.Protocol);
        var stale = new Rule(Family.Inet6, 1001, RuleAction.Lookup, Table: 1001, FwMark: 0x20000, FwMask: 0xff0000, Protocol: Ownership.Protocol);
        ApplyStep[] steps = [
            new(ApplyStepKind.DeleteRule, "ip -6 rule del …", Rule: stale),
            new(ApplyStepKind.DeleteRoute, "ip -6 route del …", Route: gone),
            new(ApplyStepKind.AddRoute, "ip -4 route add …", Route: route),
            new(ApplyStepKind.AddRule, "ip -4 rule add …", Rule: rule),
            new(ApplyStepKind.SetSysctl, "sysctl -w …", SysctlKey: "net.ipv6.conf.eth1.accept_ra_defrtr", Value: 0, Before: 1),
            new(ApplyStepKind.LoadNftables, "nft -f -", Ruleset: "table inet symroute {}\n", RulesetBefore: null),
        ];
        var j = new Journal("20261125T160000Z-1", JournalState.Trial, 42, new DateTimeOffset(2026, 11, 25, 16, 0, 0, TimeSpan.Zero), "source-rules",
            [.. steps], ["route4 x", "rule4 y"], Deadline: new DateTimeOffset(2026, 11, 25, 16, 0, 30, TimeSpan.Zero), WatchdogPid: 43, BackupDir: "/tmp/b");
        string text = JournalFile.Serialize(j);
        var back = JournalFile.Parse(System.Text.Encoding.UTF8.GetBytes(text), "journal.json");
        Assert.Equal(text, JournalFile.Serialize(back));
        Assert.Equal(j.Steps.Length, back.Steps.Length);
        Assert.True(StateMatch.SameRoute(route, back.Steps[2].Route!));
        Assert.Equal(route.PrefSrc, back.Steps[2].Route!.PrefSrc);
        Assert.Equal(RouteProtocol.Ra, back.Steps[1].Route!.Protocol);
        Assert.Equal(stale with { }, back.Steps[0].Rule);
        Assert.Equal(rule, back.Steps[3].Rule);
        Assert.Equal(1, back.Steps[4].Before);
        Assert.Null(back.Steps[5].RulesetBefore);
        Assert.Equal(["route4 x", "rule4 y"], back.Before.ToArray());
        Assert.Equal((j.Id, j.State, j.Pid, j.CreatedAt, j.Strategy, j.Deadline, j.WatchdogPid, j.BackupDir, j.Message),
            (back.Id, back.State, back.Pid, back.CreatedAt, back.Strategy, back.Deadline, back.WatchdogPid, back.BackupDir, back.Message));
    }
}
