using Symroute.Sources;
using Xunit;

namespace Symroute.Tests.Simulation;

/// <summary><c>symroute route get</c> through <see cref="Cli.Cli.Run"/> on a snapshot file: output, errors, exit codes, batch.</summary>
public sealed class RouteGetCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("symroute-routeget-").FullName;
    private readonly string _snapshot;
    private readonly Symroute.Model.HostState _state;

    public RouteGetCliTests()
    {
        _snapshot = Path.Combine(_dir, "lab.json");
        var state = _state = Lab.Host().Sysctl("net.ipv4.ip_forward", 1)
            .Route("add 10.72.0.0/16 tos 0x10 via 198.51.100.1").Build();
        File.WriteAllBytes(_snapshot, SnapshotWriter.Write(state));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (int Status, string Out, string Err) Run(string? stdin, params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int rc = Symroute.Cli.Cli.Run(["route", "get", "--snapshot", _snapshot, .. args], new StringReader(stdin ?? ""), o, e);
        return (rc, o.ToString(), e.ToString());
    }

    [Fact]
    public void Prints_what_ip_prints()
    {
        var (rc, o, e) = Run(null, "8.8.8.8");
        Assert.Equal((0, "8.8.8.8 via 192.0.2.1 dev eth0 src 192.0.2.10 uid 0 \n    cache \n", ""), (rc, o, e));
    }

    [Fact]
    public void Json_is_an_array_of_one_object()
    {
        var (rc, o, _) = Run(null, "--json", "8.8.8.8", "from", "10.0.0.2", "iif", "eth2");
        Assert.Equal(0, rc);
        Assert.Equal("""[{"dst":"8.8.8.8","from":"10.0.0.2","gateway":"192.0.2.1","dev":"eth0","flags":[],"cache":[],"iif":"eth2"}]""" + "\n", o);
    }

    [Fact]
    public void Lookup_failure_is_rtnetlink_answers_and_exit_2()
    {
        var (rc, o, e) = Run(null, "8.8.8.8", "from", "1.2.3.4");
        Assert.Equal((2, "", "RTNETLINK answers: Network is unreachable\n"), (rc, o, e));
        (rc, o, e) = Run(null, "--json", "8.8.8.8", "iif", "eth2");
        Assert.Equal((2, "", "RTNETLINK answers: Invalid argument\n"), (rc, o, e));
    }

    [Theory]
    [InlineData("oif")]
    [InlineData("iif")]
    [InlineData("dev")]
    public void Unknown_device_is_reported_as_ip_does(string keyword)
    {
        var (rc, o, e) = Run(null, "8.8.8.8", keyword, "nosuch");
        Assert.Equal((1, "", "Cannot find device \"nosuch\"\n"), (rc, o, e));
    }

    [Theory]
    [InlineData("", "need at least a destination address")]
    [InlineData("8.8.8.8 from", "Command line is not complete. Try option \"help\"")]
    [InlineData("8.8.8.8 tos lowdelay", "Error: argument \"lowdelay\" is wrong: TOS value is invalid")]
    [InlineData("8.8.8.8 mark zz", "Error: argument \"zz\" is wrong: invalid mark value")]
    [InlineData("8.8.8.8 mark 0x100000000", "Error: argument \"0x100000000\" is wrong: invalid mark value")]
    [InlineData("8.8.8.8 ipproto foo", "Error: argument \"foo\" is wrong: Invalid \"ipproto\" value")]
    [InlineData("8.8.8.8 sport 70000", "Error: argument \"70000\" is wrong: invalid sport")]
    [InlineData("8.8.8.8 uid x", "Error: argument \"x\" is wrong: invalid UID")]
    [InlineData("bogus", "Error: any valid prefix is expected rather than \"bogus\".")]
    [InlineData("8.8.8.8 frob", "Error: inet prefix is expected rather than \"frob\".")]
    [InlineData("2001:db8::1 from 10.0.0.1", "Error: inet6 prefix is expected rather than \"10.0.0.1\".")]
    public void Syntax_errors_are_one_line_and_exit_1(string words, string message)
    {
        var (rc, o, e) = Run(null, words.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal((1, "", message + "\n"), (rc, o, e));
    }

    [Fact]
    public void Family_options_constrain_the_address()
    {
        var (rc, _, e) = Run(null, "-4", "2001:db8::1");
        Assert.Equal((1, "Error: inet prefix is expected rather than \"2001:db8::1\".\n"), (rc, e));
        (rc, var o, _) = Run(null, "-6", "default");
        Assert.Equal(2, rc);
        Assert.Equal("", o);
    }

    [Fact]
    public void A_prefix_length_is_a_warning_as_in_ip()
    {
        var (rc, o, e) = Run(null, "8.8.8.8/24");
        Assert.Equal(0, rc);
        Assert.Equal("Warning: /24 as prefix is invalid, only /32 (or none) is supported.\n", e);
        Assert.StartsWith("8.8.8.8 via 192.0.2.1", o);
    }

    [Fact]
    public void Keywords_abbreviate_tos_is_hex_and_to_is_optional()
    {
        Assert.Equal(Run(null, "10.72.1.1", "from", "10.0.0.1", "tos", "0x10").Out, Run(null, "to", "10.72.1.1", "fr", "10.0.0.1", "d", "10").Out);
        Assert.Equal(1, Run(null, "10.72.1.1", "t", "10").Status);
        Assert.Contains("notify uid 0 \n    cache <notify> \n", Run(null, "10.72.1.1", "n").Out);
        Assert.Contains("tos 0x10 via 198.51.100.1", Run(null, "10.72.1.1", "tos", "10").Out);
        Assert.Contains("mark 0x13 ", Run(null, "8.8.8.8", "m", "0x13").Out);
        Assert.Contains("mark 0x13 ", Run(null, "8.8.8.8", "mark", "023").Out);
        Assert.Contains("uid 1000 ", Run(null, "8.8.8.8", "u", "1000").Out);
    }

    [Fact]
    public void Connected_asks_again_from_the_answers_source()
    {
        var (rc, o, _) = Run(null, "8.8.8.8", "connected");
        Assert.Equal(0, rc);
        Assert.Equal("8.8.8.8 via 192.0.2.1 dev eth0 src 192.0.2.10 uid 0 \n    cache \n8.8.8.8 from 192.0.2.10 via 192.0.2.1 dev eth0 uid 0 \n    cache \n", o);
    }

    [Fact]
    public void Explain_prints_the_answer_then_the_steps()
    {
        var (rc, o, _) = Run(null, "--explain", "8.8.8.8", "from", "10.0.0.2", "iif", "eth2");
        Assert.Equal(0, rc);
        Assert.StartsWith("8.8.8.8 from 10.0.0.2 via 192.0.2.1 dev eth0 \n    cache iif eth2 \n\nExplanation:\n 1. input lookup", o);
        Assert.Contains("forwarding is on for eth2", o);
        Assert.Contains("reverse-path check", o);
    }

    [Fact]
    public void Explain_of_a_failure_goes_to_stdout_and_the_error_to_stderr()
    {
        var (rc, o, e) = Run(null, "--explain", "8.8.8.8", "from", "1.2.3.4");
        Assert.Equal(2, rc);
        Assert.Equal("RTNETLINK answers: Network is unreachable\n", e);
        Assert.Contains("source 1.2.3.4 is not an address of this host", o);
    }

    [Fact]
    public void Explain_json_is_one_object()
    {
        var (rc, o, _) = Run(null, "--explain", "--json", "8.8.8.8");
        Assert.Equal(0, rc);
        using var doc = System.Text.Json.JsonDocument.Parse(o);
        Assert.Equal("eth0", doc.RootElement.GetProperty("route").GetProperty("dev").GetString());
        Assert.True(doc.RootElement.GetProperty("steps").GetArrayLength() > 3);
    }

    [Fact]
    public void Batch_answers_one_line_per_query_in_order()
    {
        string input = """
            8.8.8.8
            route get 192.0.2.10

            # a comment
            8.8.8.8 oif nosuch
            8.8.8.8 from 1.2.3.4
            2001:db8:1::5
            bogus
            8.8.8.8 from
            """;
        var (rc, o, e) = Run(input, "--batch", "-");
        Assert.Equal(0, rc);
        Assert.Equal("", e);
        Assert.Equal("""
            {"dst":"8.8.8.8","gateway":"192.0.2.1","dev":"eth0","prefsrc":"192.0.2.10","flags":[],"uid":0,"cache":[]}
            {"type":"local","dst":"192.0.2.10","dev":"lo","prefsrc":"192.0.2.10","flags":[],"uid":0,"cache":["local"]}
            {"error":"Cannot find device \"nosuch\""}
            {"error":"Network is unreachable"}
            {"dst":"2001:db8:1::5","from":"::","dev":"eth0","protocol":"kernel","prefsrc":"2001:db8:1::10","metric":256,"flags":[],"pref":"medium"}
            {"error":"Error: any valid prefix is expected rather than \"bogus\"."}
            {"error":"Command line is not complete. Try option \"help\""}

            """, o);
    }

    /// <summary>
    /// Lines the byte path answers itself (<c>[route get] [to] ADDRESS</c>) and lines it must leave to
    /// the word parser, in every line ending StreamReader knows, with and without a byte order mark,
    /// from a file and from stdin: the answers are those of the words parsed one line at a time.
    /// </summary>
    [Fact]
    public void Batch_fast_lines_answer_as_the_word_parser_does()
    {
        string[] lines =
        [
            "8.8.8.8", "route get 8.8.8.8", "  route\tget  to 192.0.2.10  ", "to 198.51.100.7", "10.72.1.1", "route get 10.72.1.1 tos 0x10",
            "0.0.0.0", "255.255.255.255", "224.0.0.1", "127.0.0.1", "010.1.1.1", "10.1", "1.2.3.256", "1.2.3.4.5", "1.2.3.", ".1.2.3",
            "0x7f.0.0.1", "1.2.3.4/24", "1.2.3.4/32", "2001:db8:1::5", "route get 2001:db8:2::1", "::", "::1", "::ffff:1.2.3.4",
            "2001:db8::g", "2001:db8::1%eth0", "2001:db8::1/64", "fe80::1", "ff02::1", "default", "route", "route get", "to", "get 8.8.8.8",
            "Route get 8.8.8.8", "8.8.8.8 from 192.0.2.10", "1.2.3.4 1.2.3.5", "# comment", "", "   ", "\t", "8.8.8.8\v", "8.8.8.8\u00a0",
            "caf\u00e9", "route get 8.8.8.8 connected", "8.8.8.8 oif nosuch", "1234:5678:9abc:def0:1234:5678:9abc:def0",
            "2001:db8:1:2:3:4:5:6:7",
        ];
        string expected = string.Concat(lines.Select(l => Reference(l)));
        Assert.Contains("Network is unreachable", expected);
        foreach (var ending in new[] { "\n", "\r\n", "\r" })
        {
            string text = string.Join(ending, lines) + ending;
            Assert.Equal(expected, Run(text, "--batch", "-").Out);
            foreach (bool bom in new[] { false, true })
            {
                string file = Path.Combine(_dir, "batch.txt");
                File.WriteAllBytes(file, [.. (bom ? new byte[] { 0xEF, 0xBB, 0xBF } : []), .. System.Text.Encoding.UTF8.GetBytes(text)]);
                Assert.Equal(expected, Run(null, "--batch", file).Out);
            }
        }
        // A run long enough to be answered in two halves on two threads keeps its order.
        string many = Path.Combine(_dir, "many.txt");
        File.WriteAllText(many, string.Concat(Enumerable.Repeat(string.Join("\n", lines) + "\n", 300)));
        Assert.Equal(string.Concat(Enumerable.Repeat(expected, 300)), Run(null, "--batch", many).Out);
        // No final line ending, and -4 / -6.
        string last = Path.Combine(_dir, "last.txt");
        File.WriteAllText(last, "8.8.8.8\n2001:db8:1::5");
        foreach (var (option, family) in new[] { ("-4", Symroute.Model.Family.Inet), ("-6", Symroute.Model.Family.Inet6) })
            Assert.Equal(Reference("8.8.8.8", family) + Reference("2001:db8:1::5", family), Run(null, option, "--batch", last).Out);
        Assert.Equal(Reference("8.8.8.8") + Reference("2001:db8:1::5"), Run(null, "--batch", last).Out);
    }

    /// <summary>A batch line answered as --batch always answered one: its words, parsed and asked one by one.</summary>
    private string Reference(string line, Symroute.Model.Family? family = null)
    {
        if (line.AsSpan().Trim().IsEmpty || line.Trim()[0] == '#')
            return "";
        var words = Symroute.Simulation.RouteGetSyntax.Words(line);
        if (words.Count >= 2 && words[0] == "route" && words[1] == "get")
            words.RemoveRange(0, 2);
        if (!Symroute.Simulation.RouteGetSyntax.TryParse(words, family, out var request, out var error))
            return Symroute.Output.RouteGetJson.FormatError(error) + "\n";
        var sim = new Symroute.Simulation.Simulator(_state);
        var q = request.Query;
        foreach (var dev in new[] { q.Iif, q.Oif })
            if (dev is not null && !sim.HasDevice(dev))
                return Symroute.Output.RouteGetJson.FormatError($"Cannot find device \"{dev}\"") + "\n";
        var result = sim.RouteGet(q);
        if (result is Symroute.Simulation.RouteDecision d && request.Connected && d.Source is not null)
            result = sim.RouteGet(q with { From = d.Source, Oif = d.Dev, Iif = null });
        return (result is Symroute.Simulation.RouteDecision ok
            ? Symroute.Output.RouteGetJson.FormatObject(ok, _state.TableNames)
            : Symroute.Output.RouteGetJson.FormatError(((Symroute.Simulation.RouteError)result).Message)) + "\n";
    }

    [Fact]
    public void Batch_reads_a_file()
    {
        string file = Path.Combine(_dir, "queries.txt");
        File.WriteAllText(file, "8.8.8.8\n8.8.8.8 from 10.0.0.2 iif eth2\n");
        var (rc, o, _) = Run(null, "--batch", file);
        Assert.Equal(0, rc);
        Assert.Equal(2, o.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var (rc2, _, e2) = Run(null, "--batch", Path.Combine(_dir, "missing.txt"));
        Assert.Equal(3, rc2);
        Assert.Contains("missing.txt", e2);
    }

    [Fact]
    public void Batch_with_explain_or_words_is_a_usage_error()
    {
        Assert.Equal(1, Run("", "--batch", "-", "--explain").Status);
        Assert.Equal(1, Run("", "--batch", "-", "8.8.8.8").Status);
    }

    [Fact]
    public void A_bad_snapshot_is_exit_3_with_its_position()
    {
        string bad = Path.Combine(_dir, "bad.json");
        File.WriteAllText(bad, "{\"version\": ");
        var o = new StringWriter();
        var e = new StringWriter();
        int rc = Symroute.Cli.Cli.Run(["route", "get", "--snapshot", bad, "8.8.8.8"], TextReader.Null, o, e);
        Assert.Equal(3, rc);
        Assert.StartsWith("symroute: " + bad + ":1:", e.ToString());
        Assert.Single(e.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Help_is_exit_0()
    {
        var o = new StringWriter();
        Assert.Equal(0, Symroute.Cli.Cli.Run(["route", "get", "--help"], TextReader.Null, o, new StringWriter()));
        Assert.Contains("--batch FILE|-", o.ToString());
        Assert.Contains("Exit status", o.ToString());
    }
}
