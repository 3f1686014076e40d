using Symroute.Tests.Lab;

namespace Symroute.Tests.Differential;

/// <summary>Runs one configuration end to end: build, ask the kernel, ask the simulator, compare.</summary>
public static class DiffRunner
{
    public static ConfigResult Run(DiffConfig config, int queryCount)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        using var lab = DiffLab.Build(config);
        var build = sw.Elapsed;
        var queries = QueryGenerator.Generate(config, queryCount);
        var kernel = KernelOracle.Ask(lab.Host, queries);
        var addrs = KernelAddress.ParseJson(lab.Host.Ip("-json", "-4", "addr", "show"));
        var kernelTime = sw.Elapsed - build;
        string? failure = null;
        IReadOnlyList<RouteAnswer> sim;
        try
        {
            sim = SimulatorOracle.Ask(lab.Host, queries);
        }
        catch (InvalidOperationException e)
        {
            failure = e.Message;
            sim = [.. queries.Select(_ => RouteAnswer.FromError("(simulator gave no answer)"))];
        }
        var simTime = sw.Elapsed - build - kernelTime;
        var cases = new List<QueryCase>(queries.Count);
        for (int i = 0; i < queries.Count; i++)
            cases.Add(new QueryCase(queries[i], kernel[i], sim[i], AnswerComparer.Compare(queries[i], kernel[i], sim[i], addrs)));
        var result = new ConfigResult(config, lab.Outcomes, cases, failure, null) { Timing = new PhaseTimes(build, kernelTime, simTime) };
        return result.HasProblem ? result with { KernelState = KernelState(lab.Host) } : result;
    }

    /// <summary>What the kernel holds, as an administrator would look at it.</summary>
    public static string KernelState(Netns ns)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var args in new[]
        {
            new[] { "-d", "link", "show" }, ["addr", "show"], ["rule", "show"], ["-6", "rule", "show"],
            ["route", "show", "table", "all"], ["-6", "route", "show", "table", "all"],
        })
        {
            var r = Netns.RunRaw(null, ["ip", "-n", ns.Name, .. args]);
            sb.Append("$ ip ").AppendJoin(' ', args).Append('\n').Append(r.Stdout).Append(r.Stderr);
        }
        var s = ns.TryExec(null, "sh", "-c",
            "cd /proc/sys/net/ipv4/conf && grep -H . */rp_filter */forwarding */accept_local */src_valid_mark */ignore_routes_with_linkdown; grep -H . /proc/sys/net/ipv6/conf/all/forwarding");
        sb.Append("$ sysctls\n").Append(s.Stdout);
        return sb.ToString();
    }
}
