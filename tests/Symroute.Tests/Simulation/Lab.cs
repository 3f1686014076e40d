using Symroute.Model;
using Symroute.Output;
using Symroute.Simulation;
using Xunit;

namespace Symroute.Tests.Simulation;

/// <summary>
/// The topology of linux-routing-semantics.md §11, built with <see cref="HostBuilder"/> as the lab
/// built it with ip: eth0 192.0.2.10/24 (default via 192.0.2.1), eth1 198.51.100.10/24,
/// eth2 10.0.0.1/24; 2001:db8:1::10/64 on eth0, 2001:db8:2::10/64 on eth1.
/// </summary>
internal static class Lab
{
    public static HostBuilder Host(bool ipv6 = true)
    {
        var b = new HostBuilder()
            .AddLink("eth0").AddLink("eth1").AddLink("eth2")
            .AddAddress("eth0", "192.0.2.10/24")
            .AddAddress("eth1", "198.51.100.10/24")
            .AddAddress("eth2", "10.0.0.1/24");
        if (ipv6)
            b.AddAddress("eth0", "2001:db8:1::10/64", flags: AddressFlags.Permanent | AddressFlags.NoDad)
             .AddAddress("eth1", "2001:db8:2::10/64", flags: AddressFlags.Permanent | AddressFlags.NoDad);
        return b.Route("add default via 192.0.2.1 dev eth0");
    }

    /// <summary>Runs <c>ip route get WORDS</c> against the state: ip's stdout, or "RTNETLINK answers: …".</summary>
    public static string Get(HostState state, string words, Family? family = null)
    {
        Assert.True(RouteGetSyntax.TryParse(RouteGetSyntax.Words(words), family, out var req, out var err), err);
        var sim = new Simulator(state);
        var r = sim.RouteGet(req!.Query);
        return r switch
        {
            RouteDecision d => RouteGetText.Format(d, state.TableNames),
            RouteError e => RouteGetText.FormatError(e),
            _ => throw new InvalidOperationException(),
        };
    }

    public static string Get(HostBuilder b, string words, Family? family = null) => Get(b.Build(), words, family);

    /// <summary>The line <c>symroute route get --batch</c> prints: the ip -json object or {"error":"…"}.</summary>
    public static string Json(HostState state, string words)
    {
        Assert.True(RouteGetSyntax.TryParse(RouteGetSyntax.Words(words), null, out var req, out var err), err);
        var r = new Simulator(state).RouteGet(req!.Query);
        return r switch
        {
            RouteDecision d => RouteGetJson.FormatObject(d, state.TableNames),
            RouteError e => RouteGetJson.FormatError(e.Message),
            _ => throw new InvalidOperationException(),
        };
    }

    public static string Json(HostBuilder b, string words) => Json(b.Build(), words);

    public static RouteResult Query(HostState state, string words)
    {
        Assert.True(RouteGetSyntax.TryParse(RouteGetSyntax.Words(words), null, out var req, out var err), err);
        return new Simulator(state).RouteGet(req!.Query);
    }

    /// <summary>The first line of the text output, trimmed (for assertions on the decision line).</summary>
    public static string Line(HostBuilder b, string words) => Get(b, words).Split('\n')[0].TrimEnd();
}
