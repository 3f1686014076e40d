using Symroute.Host.Netlink;
using Symroute.Host.Netlink.Wire;
using Symroute.Model;
using Xunit;

namespace Symroute.Tests.Netlink;

/// <summary>
/// Decodes raw rtnetlink dumps captured from the lab namespace of <see cref="NetlinkLab"/>
/// (Fixtures/netlink/rich, recaptured by NetlinkLiveTests with UPDATE_NETLINK_FIXTURES=1) and
/// compares the result with what <c>ip -d -json</c> printed for the same namespace at the same
/// moment. Needs no root.
/// </summary>
public class NetlinkFixtureTests
{
    private static string Dir => Path.Combine(AppContext.BaseDirectory, "Fixtures", "netlink", "rich");

    private static RtnlState Decode() => RtnlReader.Decode(RtnlRecording.Load(Dir));

    [Fact]
    public void RecordedDumps_DecodeToWhatIpPrinted()
    {
        var state = Decode();
        var ip = NetlinkLab.IpOutputs.Load(Dir);
        IpJsonExpect.AssertSame(state.Links, state.Addresses, state.Routes, state.Rules, ip.Addr, ip.Route, ip.Rule4, ip.Rule6);
        NetlinkLab.AssertCoverage(state);
    }

    [Fact]
    public void RecordedDumps_GiveTheModelTheIpJsonSourceGives()
    {
        NetlinkLab.AssertSameAsIpJsonSource(Decode(), NetlinkLab.IpOutputs.Load(Dir));
    }

    [Fact]
    public void RecordedDumps_DecodeTheDetailsIpPrints()
    {
        var s = Decode();
        Assert.Equal(["lo", "eth0", "eth1", "eth2", "eth3", "v2", "v1"], s.Links.Select(l => l.Name));
        var eth3 = s.Links.Single(l => l.Name == "eth3");
        Assert.Equal(["NO-CARRIER", "BROADCAST", "MULTICAST", "UP"], eth3.Flags.ToArray());
        Assert.Equal("DOWN", eth3.OperState);
        Assert.Equal("veth", eth3.Kind);
        Assert.Equal(["NO-CARRIER", "BROADCAST", "MULTICAST", "UP", "M-DOWN"], s.Links.Single(l => l.Name == "v1").Flags.ToArray());
        Assert.Equal(["LOOPBACK", "UP", "LOWER_UP"], s.Links[0].Flags.ToArray());
        Assert.Equal(1400, s.Links.Single(l => l.Name == "eth1").Mtu);

        // Per device, IPv4 (devinet order: primaries, then secondaries) before IPv6 (newest first).
        var eth0 = s.Addresses.Where(a => a.Dev == "eth0").Select(a => $"{a.Local}/{a.PrefixLength}").ToList();
        Assert.Equal("192.0.2.10/24", eth0[0]);
        Assert.True(eth0.IndexOf("192.0.2.30/24") > eth0.IndexOf("10.8.0.1/24"));
        Assert.True(eth0.FindIndex(a => a.Contains(':')) > eth0.FindLastIndex(a => !a.Contains(':')));
        var peer = s.Addresses.Single(a => a.Local.ToString() == "10.2.2.1");
        Assert.Equal("10.2.2.2", peer.Peer?.ToString());
        Assert.Equal(32, peer.PrefixLength);
        var metric = s.Addresses.Single(a => a.Local.ToString() == "10.8.0.1");
        Assert.Equal(50u, metric.Metric);
        Assert.Null(metric.ValidLifetime);

        // Single-path flags come from rtm_flags; multipath ones per nexthop, weight = hops + 1.
        var mp = s.Routes.Single(r => r.Dst.ToString() == "10.90.0.0/16");
        Assert.True(mp.Multipath);
        Assert.Equal([1, 3], mp.Nexthops.Select(n => n.Weight));
        Assert.Equal(NexthopFlags.LinkDown, mp.Nexthops[1].Flags);
        Assert.Equal(NexthopFlags.None, mp.Nexthops[0].Flags);
        var via6 = s.Routes.Single(r => r.Dst.ToString() == "10.94.0.0/16");
        Assert.Equal("fe80::1", via6.FirstNexthop?.Gateway?.ToString());
        Assert.Empty(s.Routes.Single(r => r.Type == RouteType.Unreachable && r.Family == Family.Inet).Nexthops);
        Assert.Equal("lo", s.Routes.Single(r => r.Type == RouteType.Unreachable && r.Family == Family.Inet6).FirstNexthop?.Dev);
        Assert.Null(s.Routes.First(r => r.Family == Family.Inet && r.Dst.IsDefault && r.Table == RouteTableId.Main).Metric);
        Assert.Equal(1024u, s.Routes.First(r => r.Family == Family.Inet6 && r.Dst.IsDefault && r.Table == RouteTableId.Main).Metric);
        // Tables above 255 come from RTA_TABLE (rtm_table says RT_TABLE_COMPAT).
        Assert.Contains(s.Routes, r => r.Table == 1000 && r.Family == Family.Inet);
        Assert.Contains(s.Routes, r => r.Table == 612);

        var rule = s.Rules.Single(r => r.Family == Family.Inet && r.Priority == 101);
        Assert.True(rule.Not);
        Assert.Equal("10.3.0.0/16", rule.From?.ToString());
        Assert.Equal(100u, rule.Table);
        Assert.Equal(0xFFFFFFFFu, s.Rules.Single(r => r.Family == Family.Inet && r.Priority == 105).FwMask); // bare "fwmark 0x20"
        Assert.Equal(new PortRange(1000, 2000), s.Rules.Single(r => r.Family == Family.Inet && r.Priority == 110).SPort);
        Assert.Equal((byte)17, s.Rules.Single(r => r.Family == Family.Inet && r.Priority == 110).IpProto);
        Assert.Equal(0, s.Rules.Single(r => r.Family == Family.Inet && r.Priority == 112).SuppressPrefixLength);
        Assert.Null(s.Rules.Single(r => r.Family == Family.Inet && r.Priority == 113).SuppressPrefixLength);
        Assert.Equal(RuleAction.Blackhole, s.Rules.Single(r => r.Family == Family.Inet && r.Priority == 117).Action);
        Assert.Null(s.Rules.Single(r => r.Family == Family.Inet && r.Priority == 117).Table);
        Assert.Equal(RouteProtocol.Kernel, s.Rules[0].Protocol);
        Assert.Equal(RouteProtocol.Static, s.Rules.Single(r => r.Family == Family.Inet && r.Priority == 120).Protocol);
        // Without pref, a rule takes the priority just below the second rule (fib_default_rule_pref).
        Assert.Equal(99u, s.Rules.Single(r => r.Table == 612).Priority);
    }

    [Fact]
    public void RecordedDumps_GiveTheModelTheIpTextSourceGives()
    {
        NetlinkLab.AssertSameAsIpTextSource(Decode(), File.ReadAllText(Path.Combine(Dir, "ip.txt")));
    }

    [Fact]
    public void CorruptedDumps_NeverCrashTheDecoder()
    {
        var rec = RtnlRecording.Load(Dir);
        var rng = new Random(12345);
        for (int round = 0; round < 400; round++)
        {
            byte[][] parts = [rec.Links, rec.Addresses, rec.Routes4, rec.Routes6, rec.Rules4, rec.Rules6];
            var mutated = parts.Select(p => (byte[])p.Clone()).ToArray();
            var target = mutated[rng.Next(mutated.Length)];
            int flips = 1 + rng.Next(8);
            for (int i = 0; i < flips && target.Length > 0; i++)
                target[rng.Next(target.Length)] = (byte)rng.Next(256);
            if (rng.Next(4) == 0 && target.Length > 0)
                mutated[Array.IndexOf(mutated, target)] = target[..rng.Next(target.Length)];
            var m = new RtnlRecording(mutated[0], mutated[1], mutated[2], mutated[3], mutated[4], mutated[5]);
            try
            {
                RtnlReader.Decode(m);
            }
            catch (NetlinkException)
            {
                // a truncated recording is reported, not crashed on
            }
        }
    }
}
