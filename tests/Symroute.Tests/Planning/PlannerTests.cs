using Symroute.Model;
using Symroute.Planning;
using Xunit;

namespace Symroute.Tests.Planning;

public class PlannerTests
{
    private static Plan PlanFor(string scenario, Strategy? s = null) => Planner.Create(ScenarioHosts.Get(scenario), new PlanOptions(s));

    [Fact]
    public void S1_gets_a_table_per_uplink_and_a_rule_per_address()
    {
        var plan = PlanFor("S1");
        Assert.Equal(Strategy.SourceRules, plan.Strategy);
        Assert.True(plan.StrategyChosen);
        Assert.Equal([(1001u, "symroute-eth0"), (1002u, "symroute-eth1")], plan.Tables.Select(t => (t.Id, t.Name)));
        Assert.Equal(["192.168.1.50", "10.10.20.50"], plan.Rules.Select(r => r.Rule.From!.Value.ToString()));
        Assert.All(plan.Rules, r => Assert.Equal(Ownership.Protocol, r.Rule.Protocol));
        Assert.All(plan.Routes, r => Assert.Equal(Ownership.Protocol, r.Route.Protocol));
        Assert.Contains(plan.Routes, r => r.Route.Table == 1002 && r.Route.Dst.IsDefault && r.Route.FirstNexthop!.Gateway!.ToString() == "10.10.20.1");
    }

    [Fact]
    public void Replanning_the_applied_plan_is_an_empty_diff()
    {
        foreach (var name in ScenarioHosts.Names.Where(n => n != "S9"))
        {
            var host = ScenarioHosts.Get(name);
            var plan = Planner.Create(host, new PlanOptions());
            var after = PlanApplier.Apply(host, plan);
            var again = Planner.Create(after, new PlanOptions());
            Assert.True(again.IsEmptyDiff, $"{name}: {string.Join("; ", again.Rules.Where(r => r.Change != ChangeKind.Keep).Select(r => $"{r.Change} {r.Rule}"))}");
            Assert.Equal(plan.Strategy, again.Strategy);
        }
    }

    [Fact]
    public void Overlapping_subnets_are_refused_with_the_reason()
    {
        var plan = PlanFor("S9");
        Assert.NotNull(plan.Refusal);
        Assert.Contains("10.0.0.0/24", plan.Refusal);
        Assert.Contains("VRF", plan.Refusal);
        Assert.Empty(plan.Rules);
    }

    [Fact]
    public void Same_subnet_twice_is_one_segment_with_arp_sysctls()
    {
        var plan = PlanFor("S2");
        Assert.Null(plan.Refusal);
        Assert.Equal(["net.ipv4.conf.eth0.arp_ignore", "net.ipv4.conf.eth0.arp_announce", "net.ipv4.conf.eth1.arp_ignore", "net.ipv4.conf.eth1.arp_announce"],
            plan.Sysctls.Select(s => s.Key));
    }

    [Fact]
    public void Stale_owned_rules_are_removed_and_foreign_rules_untouched()
    {
        var plan = PlanFor("S8");
        var removed = Assert.Single(plan.Rules, r => r.Change == ChangeKind.Remove);
        Assert.Equal("10.10.20.53", removed.Rule.From!.Value.ToString());
        Assert.Contains(plan.Rules, r => r.Rule.From?.ToString() == "10.10.20.64/28");

        // wg-quick's rules (S6) are not symroute's: never removed, and symroute's block sits before them.
        var s6 = PlanFor("S6");
        Assert.DoesNotContain(s6.Rules, r => r.Change == ChangeKind.Remove);
        Assert.All(s6.Rules, r => Assert.True(r.Rule.Priority < 32764));
    }

    [Fact]
    public void Dhcp_uplinks_get_a_subnet_rule()
    {
        var plan = PlanFor("S3");
        Assert.Contains(plan.Rules, r => r.Change == ChangeKind.Add && r.Rule.From?.ToString() == "172.31.32.0/20");
        Assert.Contains(plan.Rules, r => r.Change == ChangeKind.Remove && r.Rule.From?.ToString() == "172.31.40.9");
        Assert.Equal(1002u, plan.Uplinks.Single(u => u.Dev == "eth1").Table);
    }

    [Fact]
    public void Vip_rules_live_in_their_own_range_and_survive_the_vip_moving_away()
    {
        var host = ScenarioHosts.S5();
        var plan = Planner.Create(host, new PlanOptions());
        var vip = Assert.Single(plan.Rules, r => r.Purpose == RulePurpose.Vip);
        Assert.Equal(plan.PriorityBase + 700, vip.Rule.Priority);
        var applied = PlanApplier.Apply(host, plan);
        var moved = applied with { Addresses = [.. applied.Addresses.Where(a => a.Local.ToString() != "10.10.20.100")] };
        var again = Planner.Create(moved, new PlanOptions());
        Assert.True(again.IsEmptyDiff);
        Assert.Contains(again.Notes, n => n.Text.Contains("10.10.20.100"));
    }

    [Fact]
    public void Ipv6_rules_name_prefixes()
    {
        var plan = PlanFor("S7");
        Assert.Equal(["2001:db8:a::/64", "2001:db8:b::/64"], plan.Rules.Select(r => r.Rule.From!.Value.ToString()));
        Assert.All(plan.Rules, r => Assert.Equal(Family.Inet6, r.Rule.Family));
    }

    [Fact]
    public void Connmark_is_chosen_for_forwarding_hosts_and_marks_every_uplink()
    {
        var plan = PlanFor("S4");
        Assert.Equal(Strategy.Connmark, plan.Strategy);
        Assert.Equal([0x10000u, 0x20000u], plan.Connmarks.Select(c => c.Mark));
        Assert.Contains(plan.Rules, r => r.Purpose == RulePurpose.MainFirst && r.Rule.Priority == plan.PriorityBase);
        Assert.Contains(plan.Sysctls, s => s.Key == "net.ipv4.conf.all.src_valid_mark" && s.Value == 1);
    }

    [Fact]
    public void Table_ids_avoid_used_and_reserved_ids()
    {
        var host = ScenarioHosts.S1();
        host = host with { TableNames = new TableNames(host.TableNames.Names.SetItem(1001, "isp2")) };
        var plan = Planner.Create(host, new PlanOptions());
        Assert.Equal([1002u, 1003u], plan.Tables.Select(t => t.Id));
        Assert.All(Enumerable.Range(0, 60000), i => Assert.Equal(ReservedRanges.IsReservedTable((uint)i),
            i == 0 || i == 250 || (i >= 253 && i <= 255) || (i >= 10000 && i <= 19999) || (i >= 30000 && i <= 30799) || i == 51820));
    }

    [Fact]
    public void Priority_block_moves_past_foreign_rules()
    {
        var host = ScenarioHosts.S1();
        host = host with { Rules = [.. host.Rules, new Rule(Family.Inet, 1500, RuleAction.Lookup, Table: 77, From: TestHosts.P("10.9.9.9/32"))] };
        var plan = Planner.Create(host, new PlanOptions());
        Assert.Equal(2000u, plan.PriorityBase);
    }

    [Fact]
    public void Loose_rp_filter_is_labelled_as_a_stop_gap()
    {
        var plan = PlanFor("S1", Strategy.LooseRpFilter);
        Assert.Empty(plan.Rules);
        Assert.All(plan.Sysctls, s => Assert.Contains("STOP-GAP", s.Warning));
        Assert.Equal(["net.ipv4.conf.eth0.rp_filter", "net.ipv4.conf.eth1.rp_filter"], plan.Sysctls.Select(s => s.Key));
    }

    [Fact]
    public void One_gateway_removes_the_second_default_and_adds_the_reach_routes()
    {
        var host = ScenarioHosts.S1();
        var plan = Planner.Create(host, new PlanOptions(Strategy.OneGateway, Reach: [new("eth1", TestHosts.P("10.50.0.0/16"))]));
        var removed = Assert.Single(plan.Routes, r => r.Change == ChangeKind.Remove);
        Assert.Equal("10.10.20.1", removed.Route.FirstNexthop!.Gateway!.ToString());
        var added = Assert.Single(plan.Routes, r => r.Change == ChangeKind.Add);
        Assert.Equal("10.50.0.0/16", added.Route.Dst.ToString());
        Assert.Equal(RouteTableId.Main, added.Route.Table);
    }

    [Fact]
    public void Interface_filter_limits_the_plan()
    {
        var plan = Planner.Create(ScenarioHosts.S8(), new PlanOptions(Interfaces: ["eth0"]));
        Assert.All(plan.Rules, r => Assert.Equal("eth0", r.Dev));
        Assert.DoesNotContain(plan.Rules, r => r.Change == ChangeKind.Remove);
    }
}
