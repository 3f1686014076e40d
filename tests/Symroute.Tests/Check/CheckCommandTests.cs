using System.Collections.Immutable;
using System.Net;
using Symroute.Checks;
using Symroute.Cli;
using Symroute.Model;
using Symroute.Sources;
using Xunit;

namespace Symroute.Tests.Check;

/// <summary><c>symroute check</c> run in-process: arguments, formats, exit statuses, errors.</summary>
public class CheckCommandTests
{
    private static (int Status, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        int status = Symroute.Cli.Cli.Run(args, TextReader.Null, stdout, stderr);
        return (status, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("s1", 2)]
    [InlineData("s1-fixed", 0)]
    [InlineData("s2", 2)]
    [InlineData("single-homed", 0)]
    public void Demo_exit_status(string demo, int expected)
    {
        var (status, stdout, stderr) = Run("check", "--demo", demo, "--color", "never");
        Assert.Equal(expected, status);
        Assert.Equal("", stderr);
        Assert.StartsWith(expected == 2 ? "CRITICAL: " : "OK: ", stdout);
    }

    [Fact]
    public void Unknown_demo_lists_the_names()
    {
        var (status, stdout, stderr) = Run("check", "--demo", "s99");
        Assert.Equal(3, status);
        Assert.Equal("", stdout);
        Assert.StartsWith("symroute: check: no demo named 's99' (available: s1, s1-fixed, s2, s3, s4, s4-fixed,", stderr);
        Assert.Single(stderr.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Help_lists_the_demos()
    {
        var (status, stdout, _) = Run("check", "--help");
        Assert.Equal(0, status);
        Assert.Contains("--demo NAME", stdout);
        Assert.Contains("s1, s1-fixed", stdout);
    }

    [Fact]
    public void Snapshot_json_and_formats()
    {
        string path = Fixtures.Path("scenarios/s1.json");
        var (status, stdout, _) = Run("check", "--snapshot", path, "--json");
        Assert.Equal(2, status);
        using var doc = System.Text.Json.JsonDocument.Parse(stdout);
        Assert.Equal("critical", doc.RootElement.GetProperty("status").GetString());
        Assert.Contains($"--snapshot {path}", doc.RootElement.GetProperty("findings")[0].GetProperty("remedy").GetProperty("command").GetString());

        (status, stdout, _) = Run("check", "--snapshot", path, "--format", "nagios");
        Assert.Equal(2, status);
        Assert.StartsWith("SYMROUTE CRITICAL - asymmetric-reply eth1 10.10.20.50 | critical=1;;;0", stdout);
        Assert.Single(stdout.TrimEnd().Split('\n'));

        (status, stdout, _) = Run("check", "--snapshot", path, "--format", "prometheus");
        Assert.Equal(2, status);
        Assert.Contains("symroute_check_status 2\n", stdout);
        Assert.Contains("# TYPE symroute_check_findings gauge\n", stdout);
    }

    [Theory]
    [InlineData("check --format xml", "symroute: check: unknown format 'xml' (text, json, nagios, prometheus)")]
    [InlineData("check --color sometimes", "symroute: check: --color takes auto, always or never, not 'sometimes'")]
    [InlineData("check --bogus", "symroute: check: unknown argument '--bogus' (see 'symroute check --help')")]
    [InlineData("check --snapshot", "symroute: check: option --snapshot needs a value")]
    [InlineData("check --snapshot a --demo s1", "symroute: check: --snapshot and --demo cannot be combined")]
    public void Usage_errors_exit_3_with_one_line(string args, string message)
    {
        var (status, stdout, stderr) = Run(args.Split(' '));
        Assert.Equal(3, status);
        Assert.Equal("", stdout);
        Assert.Equal(message + "\n", stderr);
    }

    [Fact]
    public void Malformed_snapshot_exits_3_naming_the_position()
    {
        string path = Path.Combine(Path.GetTempPath(), $"sr-check-{Environment.ProcessId}-bad.json");
        File.WriteAllText(path, "{\"symroute_snapshot\": 1,\n \"links\": [oops]}");
        try
        {
            var (status, stdout, stderr) = Run("check", "--snapshot", path);
            Assert.Equal(3, status);
            Assert.Equal("", stdout);
            Assert.StartsWith($"symroute: {path}:2:", stderr);
            Assert.Single(stderr.TrimEnd().Split('\n'));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Missing_snapshot_exits_3_and_nagios_says_unknown()
    {
        var (status, stdout, stderr) = Run("check", "--snapshot", "/nonexistent/x.json", "--format", "nagios");
        Assert.Equal(3, status);
        Assert.StartsWith("SYMROUTE UNKNOWN - ", stdout);
        Assert.Single(stderr.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Root_with_configuration_turns_on_the_persistence_check()
    {
        string root = Fixtures.Path("roots/netplan-s1");
        var (status, stdout, _) = Run("check", "--snapshot", Fixtures.Path("scenarios/s1-fixed.json"), "--root", root, "--json");
        using var doc = System.Text.Json.JsonDocument.Parse(stdout);
        var codes = doc.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("code").GetString()).ToList();
        Assert.Contains("not-persistent", codes);
        Assert.Equal(1, status);
        Assert.Contains(doc.RootElement.GetProperty("host").GetProperty("interfaces").EnumerateArray(), i => i.GetProperty("backend").GetString() == "netplan");
    }

    [Fact]
    public void Wildcard_udp_service_needs_sockets_and_fires_on_a_multi_address_host()
    {
        var sockets = ImmutableArray.Create(new ListeningSocket("udp", IPAddress.Any, 53, 4242), new ListeningSocket("udp", IPAddress.Any, 68, 4243));
        var withVip = ScenarioFixtureTests.CheckFixture("s5", new CheckInputs(Sockets: sockets));
        var f = Assert.Single(withVip.Findings, f => f.Code == "wildcard-udp-service");
        Assert.Contains("port 53", f.Summary);
        var single = ScenarioFixtureTests.CheckFixture("single-homed", new CheckInputs(Sockets: sockets));
        Assert.DoesNotContain(single.Findings, f => f.Code == "wildcard-udp-service");
        var snapshot = ScenarioFixtureTests.CheckFixture("s5", new CheckInputs(SocketsUnavailable: "listening sockets are only read on the live host"));
        Assert.Contains(snapshot.Skipped, s => s.Code == "wildcard-udp-service");
    }

    [Fact]
    public void Firewall_part_of_a_snapshot_round_trips()
    {
        var state = Scenarios.Get("s4-fixed").Build();
        string once = SnapshotWriter.WriteString(state);
        var back = SnapshotReader.Read(once, "s4.json");
        Assert.NotNull(back.Firewall);
        Assert.Equal(state.Firewall!.NatRules.Length, back.Firewall!.NatRules.Length);
        Assert.Equal(state.Firewall.NatRules[^1].ToAddress, back.Firewall.NatRules[^1].ToAddress);
        Assert.Equal(once, SnapshotWriter.WriteString(back));
    }

    [Fact]
    public void Snapshot_firewall_errors_name_the_position()
    {
        var json = "{\"symroute_snapshot\": 1, \"firewall\": {\"source\": \"nftables\", \"nat\": [{\"kind\": \"teleport\", \"family\": \"ip\", \"table\": \"t\", \"chain\": \"c\", \"text\": \"x\"}]}}";
        var e = Assert.Throws<InputException>(() => SnapshotReader.Read(json, "f.json"));
        Assert.StartsWith("f.json:1:", e.Message);
        Assert.Contains("unknown NAT kind 'teleport'", e.Message);
    }
}
