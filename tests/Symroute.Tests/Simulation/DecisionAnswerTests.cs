using System.Net;
using Symroute.Model;
using Symroute.Output;
using Symroute.Simulation;
using Xunit;

namespace Symroute.Tests.Simulation;

/// <summary>
/// The shortcuts of the decision path against the plain one: a walk without a trace reuses a table
/// lookup when it reaches the same table again (a trace turns that off, so both must agree), the
/// answer stores its optional numbers packed, and rp_filter details are formatted when read.
/// </summary>
public class DecisionAnswerTests
{
    private static HostState MainFirst() => Lab.Host()
        .Route("add 203.0.113.0/24 via 198.51.100.1 dev eth1")
        .Route("add unreachable 203.0.113.128/25")
        .Route("add throw 192.0.2.128/25 table 100")
        .Route("add default via 10.0.0.2 dev eth2 table 100")
        .Route("add 172.16.0.0/12 via 198.51.100.1 dev eth1 table 101")
        .Route("-6 add 2001:db8:9::/48 via 2001:db8:2::1 dev eth1")
        .Rule("add lookup main suppress_prefixlength 0 pref 100")
        .Rule("add fwmark 0x1 lookup 100 pref 200")
        .Rule("add from 198.51.100.10 lookup 101 pref 300")
        .Rule("add lookup main suppress_prefixlength 8 pref 400")
        .Rule("add to 172.16.0.0/12 lookup 101 pref 500")
        .Rule("-6 add lookup main suppress_prefixlength 0 pref 100")
        .Sysctl("net.ipv4.conf.all.rp_filter", 1)
        .Sysctl("net.ipv4.ip_forward", 1)
        .Build();

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("8.8.8.8 mark 1")]
    [InlineData("203.0.113.7")]
    [InlineData("203.0.113.200")]
    [InlineData("192.0.2.200 mark 1")]
    [InlineData("172.16.1.1")]
    [InlineData("172.16.1.1 from 198.51.100.10")]
    [InlineData("8.8.8.8 from 198.51.100.10")]
    [InlineData("192.0.2.10 from 8.8.8.8 iif eth0")]
    [InlineData("192.0.2.10 from 8.8.8.8 iif eth1")]
    [InlineData("10.0.0.1 from 172.16.1.1 iif eth1")]
    [InlineData("2001:db8:9::1")]
    [InlineData("2001:db8:77::1")]
    public void An_answer_does_not_depend_on_whether_a_trace_is_recorded(string words)
    {
        var state = MainFirst();
        Assert.True(RouteGetSyntax.TryParse(RouteGetSyntax.Words(words), null, out var req, out var err), err);
        var sim = new Simulator(state);
        var plain = sim.RouteGet(req!.Query);
        var traced = sim.RouteGet(req.Query, new ExplainTrace());
        Assert.Equal(Describe(traced, state), Describe(plain, state));
        Assert.Equal(traced, plain);
    }

    private static string Describe(RouteResult r, HostState state) => r switch
    {
        RouteDecision d => RouteGetJson.FormatObject(d, state.TableNames) + $" rule {d.Rule?.Priority} table {d.RouteTable}",
        RouteError e => $"{e.Message} {e.Reason} rule {e.Rule?.Priority} table {e.Table} {e.Detail}",
        _ => throw new InvalidOperationException(),
    };

    [Fact]
    public void Optional_numbers_of_a_decision_keep_absent_apart_from_zero()
    {
        var q = RouteQuery.To("8.8.8.8");
        var d = new RouteDecision(q) { Dst = q.Dst, Table = 0, Mark = 5, Pref = RouterPreference.Low, Protocol = 0 };
        Assert.Equal(0u, d.Table);
        Assert.Equal(5u, d.Mark);
        Assert.Equal(RouterPreference.Low, d.Pref);
        Assert.Equal((byte)0, d.Protocol);
        Assert.Null(d.Metric);
        Assert.Null(d.Uid);
        Assert.Null(d.Mtu);
        Assert.Null(d.HopLimit);
        Assert.Null(d.Expires);
        Assert.Null(d.RouteTable);

        var cleared = d with { Table = null, Metric = 7 };
        Assert.Null(cleared.Table);
        Assert.Equal(7u, cleared.Metric);
        Assert.Equal(5u, cleared.Mark);
        Assert.NotEqual(d, cleared);
        Assert.Equal(d, cleared with { Table = 0, Metric = null });
        Assert.Equal(d.GetHashCode(), (cleared with { Table = 0, Metric = null }).GetHashCode());
        Assert.NotEqual(d, d with { Table = null });
    }

    [Fact]
    public void A_reverse_path_reject_says_why_when_asked()
    {
        var state = Lab.Host().Sysctl("net.ipv4.conf.all.rp_filter", 1).Build();
        var r = Assert.IsType<RouteError>(new Simulator(state).RouteGet(new RouteQuery(IPAddress.Parse("198.51.100.10"), IPAddress.Parse("8.8.8.8"), Iif: "eth1")));
        Assert.Equal(RouteErrorReason.ReversePathFilter, r.Reason);
        Assert.Equal("strict rp_filter: the route back to 8.8.8.8 leaves eth0, not eth1", r.Detail);
        Assert.Equal("a sentence", (r with { Detail = "a sentence" }).Detail);
    }
}
