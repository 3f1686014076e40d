using Symroute.Cli.Commands;
using Symroute.Model;
using Xunit;

namespace Symroute.Tests.Simulation;

/// <summary>
/// <c>symroute route get</c> on scenarios S1, S2, S6, S7: text and --explain (Golden/route-get/Sn.txt),
/// --json and --explain --json (Sn.json), through the CLI command.
/// </summary>
public class RouteGetGoldenTests
{
    public static TheoryData<string> Names => new() { "S1", "S2", "S6", "S7" };

    private static readonly Dictionary<string, (Func<HostState> State, string[] Queries)> Cases = new()
    {
        ["S1"] = (Scenarios.S1, [
            "203.0.113.10 from 10.10.20.50",
            "203.0.113.10",
            "10.10.20.99 from 10.10.20.50",
            "10.10.20.50 from 203.0.113.10 iif eth1",
            "192.168.1.50 from 203.0.113.10 iif eth0",
        ]),
        ["S2"] = (Scenarios.S2, [
            "10.0.1.99 from 10.0.1.5",
            "8.8.8.8 from 10.0.1.5",
            "10.0.1.5 from 203.0.113.10 iif eth1",
            "10.0.1.5 from 10.0.1.99 iif eth1",
        ]),
        ["S6"] = (Scenarios.S6, [
            "203.0.113.10 from 10.10.20.50",
            "203.0.113.10 mark 51820",
            "192.168.1.1",
            "10.10.20.50 from 203.0.113.10 iif eth1",
        ]),
        ["S7"] = (Scenarios.S7, [
            "2001:db8:ffff::1 from 2001:db8:b::50",
            "2001:db8:ffff::1",
            "2001:db8:b::99",
            "2001:db8:b::50 from 2001:db8:ffff::1 iif eth1",
            "2001:db8:ffff::1 oif eth1",
        ]),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Text_and_explain(string name)
    {
        var (state, queries) = Cases[name];
        var host = state();
        var sb = new System.Text.StringBuilder();
        foreach (var q in queries)
        {
            sb.Append("$ symroute route get ").Append(q).Append('\n');
            sb.Append(Run(host, q.Split(' ')));
            sb.Append("$ symroute route get --explain ").Append(q).Append('\n');
            sb.Append(Run(host, ["--explain", .. q.Split(' ')]));
        }
        GoldenFile.AssertMatches($"route-get/{name}.txt", sb.ToString());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Json_and_explain_json(string name)
    {
        var (state, queries) = Cases[name];
        var host = state();
        var sb = new System.Text.StringBuilder();
        foreach (var q in queries)
        {
            sb.Append("$ symroute route get --json ").Append(q).Append('\n');
            sb.Append(Run(host, ["--json", .. q.Split(' ')]));
            sb.Append("$ symroute route get --explain --json ").Append(q).Append('\n');
            sb.Append(Run(host, ["--explain", "--json", .. q.Split(' ')]));
        }
        GoldenFile.AssertMatches($"route-get/{name}.json.txt", sb.ToString());
    }

    private static string Run(HostState host, string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int rc = RouteGetCommand.Run(args, TextReader.Null, stdout, stderr, (_, _) => host);
        string err = stderr.ToString();
        return stdout.ToString() + (err.Length > 0 ? string.Concat(err.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => "stderr: " + l + "\n")) : "") + $"exit {rc}\n\n";
    }
}
