using Symroute.Backends;
using Symroute.Model;
using Symroute.Planning;
using Symroute.Tests.Lab;
using Xunit;
using Xunit.Abstractions;

namespace Symroute.Tests.Planning;

public class RuntimeRoundTripTests(ITestOutputHelper output)
{
    [RootFact]
    public void S1_runtime_script_applies_and_replanning_is_empty()
    {
        using var ns = Netns.Create("plan-s1");
        using var gw = Netns.Create("plan-gw");
        Netns.Run("ip", "link", "add", "eth0", "netns", ns.Name, "type", "veth", "peer", "name", "s0", "netns", gw.Name);
        Netns.Run("ip", "link", "add", "eth1", "netns", ns.Name, "type", "veth", "peer", "name", "s1", "netns", gw.Name);
        ns.IpBatch(["addr add 192.168.1.50/24 dev eth0", "addr add 10.10.20.50/24 dev eth1", "link set eth0 up", "link set eth1 up"]);
        gw.IpBatch(["addr add 192.168.1.1/24 dev s0", "addr add 10.10.20.1/24 dev s1", "link set s0 up", "link set s1 up"]);
        ns.IpBatch(["route add default via 192.168.1.1 dev eth0", "route add default via 10.10.20.1 dev eth1 metric 200"]);

        var before = Symroute.Host.HostReader.Read(netns: ns.Name);
        var plan = Planner.Create(before, new PlanOptions());
        var script = RuntimeRenderer.Render(plan, before, BackendContext.Empty).Runtime!.Script;
        output.WriteLine(script);
        var r = ns.TryExec(script, "sh", "-s");
        Assert.True(r.Status == 0, r.Stderr);

        // As after `plan --write`: rt_tables.d/symroute.conf names the tables.
        var names = new TableNames(plan.Tables.Aggregate(before.TableNames.Names, (n, t) => n.SetItem(t.Id, t.Name)));
        var after = Symroute.Host.HostReader.Read(netns: ns.Name) with { TableNames = names };
        output.WriteLine(ns.Ip("rule"));
        var again = Planner.Create(after, new PlanOptions());
        Assert.True(again.IsEmptyDiff, string.Join("\n", again.Routes.Select(x => $"{x.Change} {x.Route}").Concat(again.Rules.Select(x => $"{x.Change} {x.Rule}"))));
        Assert.Equal(plan.Rules.Select(x => x.Rule.Priority), again.Rules.Select(x => x.Rule.Priority));
    }
}
