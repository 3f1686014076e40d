using System.Collections.Immutable;
using System.Text;
using Symroute.Model;
using Symroute.Sources;
using Xunit;

namespace Symroute.Tests.Sources;

public class SnapshotTests
{
    internal static HostState Sample()
    {
        var s = IpJsonSourceTests.Lab1();
        var v4 = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, Ipv4Conf>
        {
            ["all"] = new(Forwarding: 1, RpFilter: 2, AcceptLocal: 0, SrcValidMark: 0, ArpIgnore: 0, ArpAnnounce: 0, ArpFilter: 0,
                IgnoreRoutesWithLinkdown: 0, RouteLocalnet: 0, SendRedirects: 1, SharedMedia: 1, LogMartians: 0),
            ["default"] = new(RpFilter: 2),
            ["eth0"] = new(RpFilter: 1, Forwarding: 1),
        });
        var v6 = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, Ipv6Conf>
        {
            ["all"] = new(Forwarding: 0, AcceptRa: 1, DisableIpv6: 0),
            ["eth1"] = new(AcceptRa: 2, AcceptRaDefrtr: 1, UseTempaddr: -1),
        });
        return s with
        {
            Sysctls = new Sysctls(v4, v6, FibMultipathHashPolicy: 0),
            TableNames = new TableNames(TableNames.Builtin.Names.Add(100, "isp2").Add(4000, "lab")),
            Hostname = "h1",
            KernelRelease = "6.18.44",
            CapturedAt = new DateTimeOffset(2026, 11, 1, 12, 34, 56, 789, TimeSpan.FromHours(1)),
            LocalTableMerged = false,
        };
    }

    [Fact]
    public void Write_read_write_is_byte_identical_and_keeps_the_model()
    {
        var s = Sample();
        var bytes = SnapshotWriter.Write(s);
        var back = SnapshotReader.Read(bytes, "s.json");
        ModelAssert.Equal(s, back);
        Assert.Equal(Encoding.UTF8.GetString(bytes), Encoding.UTF8.GetString(SnapshotWriter.Write(back)));
    }

    [Fact]
    public void Snapshot_is_pretty_printed_with_two_spaces_and_uses_table_names()
    {
        string text = SnapshotWriter.WriteString(Sample());
        Assert.StartsWith("{\n  \"symroute_snapshot\": 1,\n  \"hostname\": \"h1\",\n  \"kernel\": \"6.18.44\",\n  \"captured_at\": \"2026-11-01T12:34:56.789+01:00\",\n  \"local_table_merged\": false,\n  \"links\": [\n    {\n      \"ifindex\": 1,", text);
        Assert.Contains("\"table\": \"isp2\"", text);
        Assert.Contains("\"rt_tables\": {\n    \"100\": \"isp2\",\n    \"4000\": \"lab\"\n  }\n}\n", text);
        Assert.Contains("\"eth0\": {\n        \"forwarding\": 1,\n        \"rp_filter\": 1\n      }", text);
        Assert.EndsWith("}\n", text);
    }

    [Fact]
    public void Empty_state_round_trips()
    {
        var s = new HostState([], [], [], [], Sysctls.Empty, TableNames.Builtin);
        var back = SnapshotReader.Read(SnapshotWriter.Write(s), "e.json");
        ModelAssert.Equal(s, back);
    }

    [Fact]
    public void Combined_routes_array_is_accepted()
    {
        var s = Sample();
        string text = SnapshotWriter.WriteString(s);
        string routes = Output.IpJsonWriter.RoutesText(s.Routes, SnapshotFormat.WithBuiltin(s.TableNames)).TrimEnd('\n');
        int a = text.IndexOf("  \"routes4\"", StringComparison.Ordinal);
        int b = text.IndexOf("  \"rules4\"", StringComparison.Ordinal);
        string combined = text[..a] + "  \"routes\": " + routes + ",\n" + text[b..];
        ModelAssert.Equal(s, SnapshotReader.Read(combined, "c.json"));
    }

    [Theory]
    [InlineData("{\"symroute_snapshot\": 2}", "v.json:1:23: unsupported snapshot version 2 (this symroute reads version 1)")]
    [InlineData("{\"hostname\": \"x\"}", "v.json:1:1: not a symroute snapshot (no 'symroute_snapshot' version key)")]
    [InlineData("{\"symroute_snapshot\": 1,\n \"sysctls\": {\"ipv4\": {\"eth0\": {\"rp_filter\": \"2\"}}}}", "v.json:2:45: expected a number for sysctls.ipv4.eth0.rp_filter")]
    [InlineData("{\"symroute_snapshot\": 1, \"routes4\": [{\"dst\": \"2001:db8::/32\", \"flags\": []}]}", "v.json:1:46: routes4: route 1: mixes IPv4 and IPv6 (IPv6 value in an IPv4 route)")]
    [InlineData("{\"symroute_snapshot\": 1, \"rules4\": [{\"priority\": 1, \"table\": \"nosuch\"}]}", "v.json:1:62: rules4: rule 1: unknown table 'nosuch' (neither a number nor a name from rt_tables)")]
    [InlineData("{\"symroute_snapshot\": 1, \"rt_tables\": {\"x\": \"isp\"}}", "v.json:1:40: expected a table number as key of rt_tables, found 'x'")]
    [InlineData("{\"symroute_snapshot\": 1, \"route4\": []}", "v.json:1:26: unknown key 'route4' in a symroute snapshot")]
    [InlineData("{\"symroute_snapshot\": 1, \"links\": [{\"ifindex\": 1}]}", "v.json:1:36: links: link 1: missing 'ifname'")]
    [InlineData("[]", "v.json:1:1: expected an object for a symroute snapshot, found an array")]
    [InlineData("{\"symroute_snapshot\": 1", "v.json:1:24: invalid JSON: unexpected end of input (truncated?)")]
    [InlineData("  ", "v.json: empty input (expected JSON)")]
    public void Errors_name_the_position_and_the_key(string json, string message)
    {
        var e = Assert.Throws<InputException>(() => SnapshotReader.Read(json, "v.json"));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Rt_tables_may_come_after_the_routes_that_use_it()
    {
        string json = """
            {"symroute_snapshot": 1,
             "routes4": [{"dst": "default", "gateway": "192.0.2.1", "dev": "eth0", "table": "isp2", "flags": []}],
             "rt_tables": {"100": "isp2"}}
            """;
        var s = SnapshotReader.Read(json, "t.json");
        Assert.Equal(100u, s.Routes.Single().Table);
        Assert.Equal("isp2", s.TableNames.Format(100));
    }

    [Theory]
    // rt_tables not last: found by the full pass.
    [InlineData("""{"symroute_snapshot": 1, "rt_tables": {"100": "isp2"}, "routes4": [{"dst": "default", "gateway": "192.0.2.1", "dev": "eth0", "table": "isp2", "flags": []}]}""")]
    // The text "rt_tables" also as a device name (its sysctls): the full pass, not the shortcut.
    [InlineData("""{"symroute_snapshot": 1, "routes4": [{"dst": "default", "gateway": "192.0.2.1", "dev": "rt_tables", "table": "isp2", "flags": []}], "sysctls": {"ipv4": {"rt_tables": {}}}, "rt_tables": {"100": "isp2"}}""")]
    // Two rt_tables keys merge, as the full pass reads both.
    [InlineData("""{"symroute_snapshot": 1, "rt_tables": {"7": "x"}, "routes4": [{"dst": "default", "gateway": "192.0.2.1", "dev": "eth0", "table": "isp2", "flags": []}], "rt_tables": {"100": "isp2"}}""")]
    public void Table_names_are_found_wherever_they_are(string json)
    {
        var s = SnapshotReader.Read(json, "t.json");
        Assert.Equal(100u, s.Routes.Single().Table);
        Assert.Equal("isp2", s.TableNames.Format(100));
    }
}
