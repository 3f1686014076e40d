using Symroute.Host;
using Symroute.Host.Netlink;
using Symroute.Tests.Lab;
using Xunit;

namespace Symroute.Tests.Netlink;

public class NetlinkLiveTests
{
    /// <summary>Where the decode fixtures live in the source tree (rewritten when UPDATE_NETLINK_FIXTURES=1).</summary>
    private static string SourceFixtureDir =>
        Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../Fixtures/netlink/rich"));

    [RootFact]
    public void ReaderMatchesIpJson_OnARichNamespace()
    {
        using var h = Netns.Create("nl");
        using var peer = Netns.Create("nlp");
        NetlinkLab.Build(h, peer);

        var state = NetnsScope.Run(h.Name, RtnlReader.Read);
        var ip = NetlinkLab.IpOutputs.Of(h);
        IpJsonExpect.AssertSame(state.Links, state.Addresses, state.Routes, state.Rules, ip.Addr, ip.Route, ip.Rule4, ip.Rule6);

        NetlinkLab.AssertCoverage(state);
        NetlinkLab.AssertSameAsIpJsonSource(state, ip);
        NetlinkLab.AssertSameAsIpTextSource(state, NetlinkLab.IpText(h));

        // Capture the decode fixtures from this very namespace when asked to.
        if (Environment.GetEnvironmentVariable("UPDATE_NETLINK_FIXTURES") == "1")
        {
            var recording = NetnsScope.Run(h.Name, RtnlReader.Record);
            var again = NetlinkLab.IpOutputs.Of(h);
            string text = NetlinkLab.IpText(h);
            recording.Save(SourceFixtureDir);
            again.Save(SourceFixtureDir);
            File.WriteAllText(Path.Combine(SourceFixtureDir, "ip.txt"), text);
        }
    }
}
