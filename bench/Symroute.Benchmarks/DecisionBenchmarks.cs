using System.Net;
using BenchmarkDotNet.Attributes;
using Symroute.Model;
using Symroute.Output;
using Symroute.Simulation;

namespace Symroute.Benchmarks;

/// <summary>
/// Whole policy decisions, as <c>route get</c> and <c>check</c> make them: a host with three
/// uplinks, eight rules (source rules, an fwmark rule, a <c>to</c> rule, a main-first
/// suppressor), four tables, source selection (no <c>from</c>), and an input lookup with the
/// strict reverse-path check. "Small" is that host alone; "FullTable" adds the whole Internet
/// table in main. One query per operation, cycling through 1,024 prepared queries.
/// <c>Explain</c> is one query with its trace recorded and rendered as the text of
/// <c>route get --explain</c>.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class DecisionBenchmarks
{
    private const int Queries = 1024;

    [Params("Small", "FullTable")]
    public string Host { get; set; } = "Small";

    private Simulator _sim = null!;
    private HostState _state = null!;
    private RouteQuery[] _output = null!;
    private RouteQuery[] _input = null!;
    private RouteQuery[] _v6 = null!;

    [GlobalSetup]
    public void Setup()
    {
        var b = new HostBuilder().Hostname("edge1")
            .AddLink("eth0").AddAddress("eth0", "192.168.1.50/24").AddAddress("eth0", "2001:db8:1::50/64")
            .AddLink("eth1").AddAddress("eth1", "10.10.20.50/24").AddAddress("eth1", "2001:db8:2::50/64")
            .AddLink("eth2").AddAddress("eth2", "172.16.5.10/24")
            .Route("add default via 192.168.1.1 dev eth0")
            .Route("add 10.20.0.0/16 via 10.10.20.1 dev eth1")
            .Route("-6 add default via 2001:db8:1::1 dev eth0")
            .Route("add 10.10.20.0/24 dev eth1 scope link src 10.10.20.50 table 101")
            .Route("add default via 10.10.20.1 dev eth1 table 101")
            .Route("add 172.16.5.0/24 dev eth2 scope link src 172.16.5.10 table 102")
            .Route("add default via 172.16.5.1 dev eth2 table 102")
            .Route("add 192.168.1.0/24 dev eth0 scope link src 192.168.1.50 table 100")
            .Route("add default via 192.168.1.1 dev eth0 table 100")
            .Route("-6 add default via 2001:db8:2::1 dev eth1 table 101")
            .Rule("add lookup main suppress_prefixlength 0 priority 1000")
            .Rule("add from 192.168.1.50 lookup 100 priority 1001")
            .Rule("add from 10.10.20.50 lookup 101 priority 1002")
            .Rule("add from 172.16.5.10 lookup 102 priority 1003")
            .Rule("add fwmark 0x20000/0xff0000 lookup 101 priority 1004")
            .Rule("add to 198.51.100.0/24 lookup 102 priority 1005")
            .Rule("-6 add from 2001:db8:2::/64 lookup 101 priority 1001")
            .Sysctl("net.ipv4.conf.all.rp_filter", 1)
            .Sysctl("net.ipv4.ip_forward", 1);
        _state = b.Build();
        if (Host == "FullTable")
        {
            var full = FullTableHost.Build(FullTable.Load(), secondTable: false);
            _state = _state with { Routes = _state.Routes.AddRange(full.Routes.Where(r => r.Dst.Length > 0 && r.Protocol == FullTableHost.RtprotBgp)
                .Select(r => r with { Nexthops = [new Nexthop(r.Family == Family.Inet ? IPAddress.Parse("192.168.1.1") : IPAddress.Parse("2001:db8:1::1"), "eth0")] })) };
        }
        _sim = new Simulator(_state);

        var rnd = new Random(7);
        IPAddress V4() => new([(byte)rnd.Next(1, 223), (byte)rnd.Next(256), (byte)rnd.Next(256), (byte)rnd.Next(256)]);
        string[] locals = ["192.168.1.50", "10.10.20.50", "172.16.5.10", null!];
        _output = [.. Enumerable.Range(0, Queries).Select(i => new RouteQuery(V4(),
            From: locals[i % 4] is { } f ? IPAddress.Parse(f) : null, Mark: i % 7 == 0 ? 0x20000u : null, IpProto: 6, DPort: 443))];
        _input = [.. Enumerable.Range(0, Queries).Select(i => new RouteQuery(IPAddress.Parse(locals[i % 3]), From: V4(), Iif: (i % 3) switch { 0 => "eth0", 1 => "eth1", _ => "eth2" }, IpProto: 6, DPort: 22))];
        _v6 = [.. Enumerable.Range(0, Queries).Select(i =>
        {
            var bytes = new byte[16];
            rnd.NextBytes(bytes);
            bytes[0] = 0x20; bytes[1] = (byte)(bytes[1] & 0x0f);
            return new RouteQuery(new IPAddress(bytes), From: i % 2 == 0 ? IPAddress.Parse("2001:db8:2::50") : null);
        })];
        // The first answers warm lazily built parts of the index (the merged local/main view).
        foreach (var q in _output.Concat(_input).Concat(_v6)) _sim.RouteGet(q);
    }

    [Benchmark(OperationsPerInvoke = Queries)]
    public int OutputIpv4()
    {
        int n = 0;
        foreach (var q in _output) n += _sim.RouteGet(q) is RouteDecision ? 1 : 0;
        return n;
    }

    [Benchmark(OperationsPerInvoke = Queries)]
    public int InputIpv4WithRpFilter()
    {
        int n = 0;
        foreach (var q in _input) n += _sim.RouteGet(q) is RouteDecision ? 1 : 0;
        return n;
    }

    [Benchmark(OperationsPerInvoke = Queries)]
    public int OutputIpv6()
    {
        int n = 0;
        foreach (var q in _v6) n += _sim.RouteGet(q) is RouteDecision ? 1 : 0;
        return n;
    }

    private int _next;

    /// <summary>The trace alone (what <c>check</c> records), without rendering it.</summary>
    [Benchmark]
    public int ExplainTraceOnly()
    {
        var q = _output[_next++ & (Queries - 1)];
        var trace = new ExplainTrace();
        _sim.RouteGet(q, trace);
        return trace.Steps.Count;
    }

    [Benchmark]
    public string Explain()
    {
        var q = _output[_next++ & (Queries - 1)];
        var trace = new ExplainTrace();
        _sim.RouteGet(q, trace);
        return ExplainText.Format(trace, _state);
    }
}
