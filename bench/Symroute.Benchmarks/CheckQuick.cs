using System.Collections.Immutable;
using System.Diagnostics;
using System.Net;
using Symroute.Checks;
using Symroute.Model;
using Symroute.Output;
using Symroute.Simulation;

namespace Symroute.Benchmarks;

/// <summary>
/// <c>quick-check</c>: times <c>symroute check</c>'s work (context, every check, the text report)
/// on S1 with thousands of static routes, and on the full-table host with the table in main and
/// in a second table reached by a source rule. Prints thread CPU and wall time of a few rounds.
/// </summary>
public static class CheckQuick
{
    public static void Run(bool fullTable)
    {
        Measure("S1 + 10,000 static routes (5,000 in main, 5,000 in table 102)", ThousandsOfRoutes());
        if (fullTable)
        {
            var state = FullTableHost.Build(FullTable.Load(), secondTable: true);
            state = state with
            {
                Rules =
                [
                    new Rule(Family.Inet, 0, RuleAction.Lookup, RouteTableId.Local, Protocol: RouteProtocol.Kernel),
                    new Rule(Family.Inet, 1000, RuleAction.Lookup, FullTableHost.SecondTable, From: new IpPrefix(IPAddress.Parse("10.254.0.2"), 32)),
                    new Rule(Family.Inet, 32766, RuleAction.Lookup, RouteTableId.Main, Protocol: RouteProtocol.Kernel),
                    new Rule(Family.Inet, 32767, RuleAction.Lookup, RouteTableId.Default, Protocol: RouteProtocol.Kernel),
                    new Rule(Family.Inet6, 0, RuleAction.Lookup, RouteTableId.Local, Protocol: RouteProtocol.Kernel),
                    new Rule(Family.Inet6, 32766, RuleAction.Lookup, RouteTableId.Main, Protocol: RouteProtocol.Kernel),
                ],
            };
            Measure($"full table in two tables ({state.Routes.Length:N0} routes)", state);
            Breakdown(state);
        }
    }

    /// <summary>Where one check run's time goes: the context (host facts), the simulator, each check, the summary.</summary>
    private static void Breakdown(HostState state)
    {
        var parts = new List<string>();
        double t = ThreadClock.Seconds;
        void Lap(string what)
        {
            double now = ThreadClock.Seconds;
            parts.Add($"{what} {(now - t) * 1e3:F0}");
            t = now;
        }
        var context = new CheckContext(state);
        Lap("context");
        _ = context.Replies.Simulator;
        Lap("simulator");
        foreach (var check in CheckRunner.Default.Checks)
        {
            if (check.CannotRun(context) is null)
                _ = check.Run(context).ToList();
            Lap(check.Code);
        }
        _ = CheckRunner.Summarize(context, "benchmark");
        Lap("summary");
        Console.WriteLine($"  breakdown (ms thread CPU): {string.Join(", ", parts)}");
    }

    private static void Measure(string what, HostState state)
    {
        for (int round = 0; round < 3; round++)
        {
            var wall = Stopwatch.StartNew();
            double t0 = ThreadClock.Seconds;
            var report = CheckRunner.Default.Run(new CheckContext(state), "benchmark");
            var text = new StringWriter();
            CheckTextWriter.Write(text, report, color: false);
            Console.WriteLine($"check, {what}: {(ThreadClock.Seconds - t0) * 1e3:F0} ms thread CPU, {wall.Elapsed.TotalMilliseconds:F0} ms wall; " +
                $"{report.Count(Severity.Critical)} critical, {report.Count(Severity.Warning)} warning, {report.Count(Severity.Info)} info, report {text.ToString().Length:N0} chars");
        }
    }

    /// <summary>S1 fixed by source rules, plus 5,000 static routes via each uplink's gateway, in main and in eth1's table.</summary>
    private static HostState ThousandsOfRoutes()
    {
        var state = new HostBuilder().Hostname("db1")
            .AddLink("eth0").AddAddress("eth0", "192.168.1.50/24")
            .AddLink("eth1").AddAddress("eth1", "10.10.20.50/24")
            .Route("add default via 192.168.1.1 dev eth0")
            .Route("add 10.10.20.0/24 dev eth1 scope link src 10.10.20.50 table 102")
            .Route("add default via 10.10.20.1 dev eth1 table 102")
            .Rule("add from 10.10.20.50 lookup 102 priority 1001")
            .Build();
        var extra = ImmutableArray.CreateBuilder<Route>();
        for (int i = 0; i < 5000; i++)
        {
            var dst = new IpPrefix(new IPAddress([(byte)(20 + i / 256 % 200), (byte)(i % 256), 0, 0]), 24);
            extra.Add(new Route(Family.Inet, RouteTableId.Main, RouteType.Unicast, dst, [new Nexthop(IPAddress.Parse("192.168.1.1"), "eth0")], Protocol: RouteProtocol.Static));
            extra.Add(new Route(Family.Inet, 102, RouteType.Unicast, dst, [new Nexthop(IPAddress.Parse("10.10.20.1"), "eth1")], Protocol: RouteProtocol.Static));
        }
        return state with { Routes = state.Routes.AddRange(extra) };
    }
}
