using System.Net;
using Symroute.Model;
using Symroute.Output;
using Symroute.Simulation;
using Xunit;

namespace Symroute.Tests.Simulation;

/// <summary>
/// Large tables are answered by a linear scan of their routes until they are asked often enough to
/// be indexed (FibScan, FibTable): the answers and every explain step must be the same as with the
/// index from the start. Random hosts with nested and duplicate prefixes, /0 and host routes, tos,
/// metrics, reject and throw routes, multipath, IPv6 source routes and policy rules, every table
/// scanned (threshold 1), through the switch to the index.
/// </summary>
public sealed class ScannedTableTests
{
    private static readonly string[] Prefixes4 =
    [
        "0.0.0.0/0", "8.0.0.0/8", "8.8.0.0/16", "8.8.8.0/24", "8.8.8.8/32", "10.0.0.0/8", "10.0.0.0/24",
        "10.0.0.128/25", "192.0.2.0/24", "192.0.2.128/25", "198.51.100.0/24", "203.0.113.0/24", "128.0.0.0/1",
        "1.1.1.1/32", "100.64.0.0/10", "224.0.0.0/4",
    ];

    private static readonly string[] Prefixes6 =
    [
        "::/0", "2001:db8::/32", "2001:db8:1::/48", "2001:db8:1::/64", "2001:db8:2::/64", "2001:db8:1::1/128",
        "2606:4700::/32", "2000::/3", "fd00::/8",
    ];

    private static readonly string[] Gateways4 = ["192.0.2.1", "192.0.2.2", "198.51.100.1", "10.0.0.2"];
    private static readonly string[] Devices = ["eth0", "eth1", "eth2"];

    [Fact]
    public void Scanned_tables_answer_as_indexed_ones_before_and_after_they_build_their_index()
    {
        for (int seed = 1; seed <= 60; seed++)
        {
            var state = RandomHost(seed);
            var indexed = new Simulator(state, int.MaxValue);
            var scanned = new Simulator(state, 1);
            var r = new Random(seed * 7919);
            // More queries than a table scans before indexing, so both ways of answering are compared.
            for (int q = 0; q < FibTableScans * 3; q++)
            {
                var query = RandomQuery(r);
                Assert.Equal(Answer(indexed, query, state), Answer(scanned, query, state));
            }
        }
    }

    [Fact]
    public void A_full_table_sized_main_is_scanned_and_answers_as_the_index()
    {
        // Above the default threshold: the merged local/main trie of a host with a big main.
        var b = Lab.Host();
        var r = new Random(5);
        var routes = new HashSet<string>();
        while (routes.Count < HostIndex.DefaultScanThreshold + 10)
            routes.Add($"{r.Next(1, 224)}.{r.Next(256)}.{r.Next(256)}.0/{r.Next(8, 25)}");
        var state = b.Build();
        var extra = routes.Select((p, i) => new Route(Family.Inet, RouteTableId.Main, RouteType.Unicast,
            IpPrefix.TryParse(p, null, out var x) ? x.Value.Network() : throw new ArgumentException(p),
            [new Nexthop(IPAddress.Parse(i % 2 == 0 ? "192.0.2.1" : "198.51.100.1"), i % 2 == 0 ? "eth0" : "eth1")], Metric: (uint)(i % 3)));
        state = state with { Routes = state.Routes.AddRange(extra) };
        var indexed = new Simulator(state, int.MaxValue);
        var scanned = new Simulator(state);
        for (int q = 0; q < FibTableScans * 2; q++)
        {
            var query = new RouteQuery(IPAddress.Parse($"{r.Next(1, 256)}.{r.Next(256)}.{r.Next(256)}.{r.Next(256)}"),
                q % 3 == 0 ? IPAddress.Parse("198.51.100.10") : null);
            Assert.Equal(Answer(indexed, query, state), Answer(scanned, query, state));
        }
    }

    private const int FibTableScans = Symroute.Simulation.Fib.FibTable.ScansBeforeIndex;

    private static string Answer(Simulator sim, RouteQuery query, HostState state)
    {
        var trace = new ExplainTrace();
        var result = sim.RouteGet(query, trace);
        string answer = result switch
        {
            RouteDecision d => RouteGetText.Format(d, state.TableNames),
            RouteError e => RouteGetText.FormatError(e),
            _ => throw new InvalidOperationException(),
        };
        return $"{ReplyQuery(query)}\n{answer}\n{ExplainText.Format(trace, state)}";
    }

    private static string ReplyQuery(RouteQuery q) => $"{q.Dst} from {q.From} iif {q.Iif} oif {q.Oif} mark {q.Mark} tos {q.Tos}";

    private static HostState RandomHost(int seed)
    {
        var r = new Random(seed);
        var b = Lab.Host();
        uint[] tables = [RouteTableId.Main, 100, 200];
        int routes = 10 + r.Next(40);
        for (int i = 0; i < routes; i++)
        {
            uint table = tables[r.Next(tables.Length)];
            bool v6 = r.Next(4) == 0;
            string prefix = v6 ? Prefixes6[r.Next(Prefixes6.Length)] : Prefixes4[r.Next(Prefixes4.Length)];
            string type = r.Next(10) switch
            {
                0 => "unreachable ",
                1 => "throw ",
                2 => "prohibit ",
                3 => "blackhole ",
                _ => "",
            };
            string words;
            if (type.Length > 0)
                words = $"{type}{prefix}";
            else if (v6)
                words = r.Next(4) == 0
                    ? $"{prefix} nexthop via fe80::1 dev eth0 nexthop via fe80::2 dev eth1"
                    : $"{prefix} via fe80::{1 + r.Next(3)} dev {Devices[r.Next(2)]}";
            else
                words = r.Next(5) == 0
                    ? $"{prefix} nexthop via 192.0.2.1 dev eth0 nexthop via 198.51.100.1 dev eth1"
                    : r.Next(4) == 0 ? $"{prefix} dev {Devices[r.Next(3)]}" : $"{prefix} via {Gateways4[r.Next(Gateways4.Length)]}";
            if (!v6 && r.Next(5) == 0) words += $" tos 0x{4 * (1 + r.Next(7)):x2}";
            if (v6 && type.Length == 0 && r.Next(5) == 0) words += " from 2001:db8:1::/64";
            if (r.Next(2) == 0) words += $" metric {r.Next(4)}";
            words += $" table {table}";
            string verb = r.Next(3) == 0 ? "append" : "add";
            try
            {
                b.Route($"{(v6 ? "-6 " : "")}{verb} {words}");
            }
            catch (HostBuilderException)
            {
                // The kernel would refuse it too (e.g. a duplicate): the host goes without it.
            }
        }
        string[] rules =
        [
            "add from 198.51.100.10 lookup 100", "add to 8.8.0.0/16 lookup 200", "add tos 0x10 lookup 200",
            "add fwmark 1 lookup 100", "add lookup main suppress_prefixlength 0", "add iif eth2 lookup 200",
            "-6 add from 2001:db8:2::10 lookup 100", "-6 add to 2001:db8::/32 lookup 200",
        ];
        foreach (var rule in rules)
            if (r.Next(2) == 0)
                b.Rule(rule);
        if (r.Next(2) == 0)
            b.Sysctl("net.ipv4.conf.all.forwarding", 1);
        return b.Build();
    }

    private static string Net(Random r) => r.Next(3) switch { 0 => "10.0.0", 1 => "192.0.2", _ => "198.51.100" };

    private static RouteQuery RandomQuery(Random r)
    {
        bool v6 = r.Next(4) == 0;
        IPAddress dst = v6
            ? IPAddress.Parse(r.Next(3) switch { 0 => "2001:db8:1::1", 1 => $"2001:db8:{r.Next(4):x}::{r.Next(256):x}", _ => $"{0x2000 + r.Next(0x2000):x}::{r.Next(256):x}" })
            : IPAddress.Parse(r.Next(3) switch
            {
                0 => $"8.8.{(r.Next(2) == 0 ? 8 : r.Next(256))}.{r.Next(256)}",
                1 => $"{Net(r)}.{r.Next(256)}",
                _ => $"{r.Next(1, 256)}.{r.Next(256)}.{r.Next(256)}.{r.Next(256)}",
            });
        IPAddress? from = r.Next(3) switch
        {
            0 => null,
            1 => IPAddress.Parse(v6 ? (r.Next(2) == 0 ? "2001:db8:1::10" : "2001:db8:2::10") : (r.Next(2) == 0 ? "198.51.100.10" : "192.0.2.10")),
            _ => IPAddress.Parse(v6 ? $"2001:db8:{r.Next(4):x}::{r.Next(256):x}" : $"{r.Next(1, 224)}.{r.Next(256)}.{r.Next(256)}.{r.Next(256)}"),
        };
        string? iif = from is not null && r.Next(3) == 0 ? Devices[r.Next(Devices.Length)] : null;
        uint? mark = r.Next(5) == 0 ? 1u : null;
        byte? tos = !v6 && r.Next(5) == 0 ? (byte)(4 * (1 + r.Next(7))) : null;
        return new RouteQuery(dst, from, iif, Mark: mark, Tos: tos);
    }
}
