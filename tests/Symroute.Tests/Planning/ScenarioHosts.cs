using Symroute.Model;
using Symroute.Simulation;

namespace Symroute.Tests.Planning;

/// <summary>
/// The host shapes of docs/scenarios.md as planner inputs, built the way the kernel would build
/// them from <c>ip</c> commands (<see cref="HostBuilder"/>): strict rp_filter everywhere, each
/// uplink's gateway visible as a default route (the second one with a higher metric).
/// </summary>
public static class ScenarioHosts
{
    public static IReadOnlyList<string> Names { get; } = ["S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9", "S10"];

    public static HostState Get(string name) => Finish(name, Builder(name).Build());

    /// <summary>
    /// The scenario as <c>ip</c> commands on a fresh namespace, not yet built: more commands (a
    /// rendered plan's) can be run on it, then <see cref="Finish"/> adds what <c>ip</c> cannot say.
    /// </summary>
    public static HostBuilder Builder(string name) => name switch
    {
        "S1" => B1(),
        "S2" => B2(),
        "S3" => B3(),
        "S4" => B4(),
        "S5" => B5(),
        "S6" => B6(),
        "S7" => B7(),
        "S8" => B8(),
        "S9" => B9(),
        "S10" => B10(),
        _ => throw new ArgumentException(name),
    };

    /// <summary>What the kernel has that <c>ip</c> commands cannot create: a DHCP lease's lifetime, keepalived's address protocol, two RA default routes of one metric.</summary>
    public static HostState Finish(string name, HostState s)
    {
        switch (name)
        {
            case "S3":
                return s with { Addresses = [.. s.Addresses.Select(a => a.Dev == "eth1" && a.Family == Family.Inet ? a with { ValidLifetime = 3600, PreferredLifetime = 3600 } : a)] };
            case "S5":
                return s with { Addresses = [.. s.Addresses.Select(a => a.Local.ToString() == "10.10.20.100" ? a with { Protocol = 18 } : a)] };
            case "S7":
                // Two RA default routes of equal metric are two routes in the kernel (never merged
                // into ECMP), which `ip route add` cannot build: the second is eth0's, copied.
                var ra = s.Routes.Single(r => r.Family == Family.Inet6 && r.Dst.IsDefault && r.Table == RouteTableId.Main);
                var ra1 = ra with { Nexthops = [ra.Nexthops[0] with { Dev = "eth1" }] };
                return s with { Routes = s.Routes.Insert(s.Routes.IndexOf(ra) + 1, ra1) };
            default:
                return s;
        }
    }

    public static HostState S1() => Get("S1");
    public static HostState S5() => Get("S5");
    public static HostState S8() => Get("S8");
    public static HostState S9() => Get("S9");

    private static HostBuilder New(string hostname, params string[] links)
    {
        var b = new HostBuilder().Hostname(hostname).Sysctl("net.ipv4.conf.all.rp_filter", 1).Sysctl("net.ipv4.conf.default.rp_filter", 1);
        foreach (var l in links)
            b.AddLink(l, kind: l.StartsWith("docker", StringComparison.Ordinal) ? "bridge" : l.StartsWith("wg", StringComparison.Ordinal) ? "wireguard" : null);
        return b;
    }

    /// <summary>S1: eth0 192.168.1.50/24 (default via .1), eth1 10.10.20.50/24 (gateway 10.10.20.1, metric 200).</summary>
    private static HostBuilder B1() => New("s1", "eth0", "eth1")
        .AddAddress("eth0", "192.168.1.50/24").AddAddress("eth1", "10.10.20.50/24")
        .Route("add default via 192.168.1.1 dev eth0").Route("add default via 10.10.20.1 dev eth1 metric 200");

    /// <summary>S2: two NICs in 10.0.1.0/24, both with gateway 10.0.1.1; ARP sysctls at their defaults.</summary>
    private static HostBuilder B2() => New("s2", "eth0", "eth1")
        .AddAddress("eth0", "10.0.1.4/24").AddAddress("eth1", "10.0.1.5/24")
        .Route("add default via 10.0.1.1 dev eth0").Route("add default via 10.0.1.1 dev eth1 metric 200 onlink");

    /// <summary>S3: eth1 by DHCP (lease 172.31.40.17/20, gateway 172.31.32.1, proto dhcp); a symroute rule for an old lease address is stale.</summary>
    private static HostBuilder B3() => New("s3", "eth0", "eth1")
        .AddAddress("eth0", "192.168.1.50/24").AddAddress("eth1", "172.31.40.17/20", flags: AddressFlags.None, metric: 1024)
        .Route("add default via 192.168.1.1 dev eth0").Route("add default via 172.31.32.1 dev eth1 proto dhcp metric 1024")
        .TableName(1002, "symroute-eth1")
        .Rule("add priority 1200 from 172.31.40.9 lookup 1002 protocol 83");

    /// <summary>S4: Docker with a port published on eth1's address (DNAT 10.10.20.50:8080 to 172.17.0.2:80); forwarding on.</summary>
    private static HostBuilder B4() => New("s4", "eth0", "eth1", "docker0")
        .Sysctl("net.ipv4.ip_forward", 1)
        .AddAddress("eth0", "192.168.1.50/24").AddAddress("eth1", "10.10.20.50/24").AddAddress("docker0", "172.17.0.1/16")
        .Route("add default via 192.168.1.1 dev eth0").Route("add default via 10.10.20.1 dev eth1 metric 200");

    /// <summary>S5: keepalived VIP 10.10.20.100/24 (secondary, address protocol keepalived) on eth1.</summary>
    private static HostBuilder B5() => New("s5", "eth0", "eth1")
        .AddAddress("eth0", "192.168.1.50/24").AddAddress("eth1", "10.10.20.50/24").AddAddress("eth1", "10.10.20.100/24")
        .Route("add default via 192.168.1.1 dev eth0").Route("add default via 10.10.20.1 dev eth1 metric 200");

    /// <summary>S6: wg-quick full tunnel (table 51820, its two auto-priority rules, src_valid_mark), SSH on eth1.</summary>
    private static HostBuilder B6() => New("s6", "eth0", "eth1", "wg0")
        .Sysctl("net.ipv4.conf.all.src_valid_mark", 1)
        .AddAddress("eth0", "192.168.1.50/24").AddAddress("eth1", "10.10.20.50/24").AddAddress("wg0", "10.66.0.2/24")
        .Route("add default via 192.168.1.1 dev eth0").Route("add default via 10.10.20.1 dev eth1 metric 200")
        .Route("add default dev wg0 table 51820")
        .Rule("add not fwmark 51820 table 51820").Rule("add table main suppress_prefixlength 0");

    /// <summary>S7: IPv6 on both links, router advertisements from fe80::1 on each (metric 1024; eth1's added by <see cref="Finish"/>).</summary>
    private static HostBuilder B7() => New("s7", "eth0", "eth1")
        .AddAddress("eth0", "2001:db8:a::50/64").AddAddress("eth1", "2001:db8:b::50/64")
        .Route("-6 add default via fe80::1 dev eth0 proto ra metric 1024 expires 1800 pref medium");

    /// <summary>S8: eth1 with secondaries .51 and .52 and the routed prefix 10.10.20.64/28 (AnyIP on lo); a symroute rule for the removed .53 is stale.</summary>
    private static HostBuilder B8() => New("s8", "eth0", "eth1")
        .AddAddress("eth0", "192.168.1.50/24").AddAddress("eth1", "10.10.20.50/24").AddAddress("eth1", "10.10.20.51/24").AddAddress("eth1", "10.10.20.52/24")
        .Route("add default via 192.168.1.1 dev eth0").Route("add default via 10.10.20.1 dev eth1 metric 200")
        .Route("add local 10.10.20.64/28 dev lo")
        .TableName(1001, "symroute-eth0").TableName(1002, "symroute-eth1")
        .Rule("add priority 1203 from 10.10.20.53 lookup 1002 protocol 83");

    /// <summary>S9: 10.0.0.0/24 on two segments, each with its own gateway.</summary>
    private static HostBuilder B9() => New("s9", "eth0", "eth1")
        .AddAddress("eth0", "10.0.0.5/24").AddAddress("eth1", "10.0.0.9/24")
        .Route("add default via 10.0.0.1 dev eth0").Route("add default via 10.0.0.254 dev eth1 metric 200 onlink");

    /// <summary>S10: multi-WAN router: ISP1 on eth0 (default), ISP2 198.51.100.2/30 on eth1, LAN eth2; DNAT 198.51.100.2:443 to 192.168.10.20.</summary>
    private static HostBuilder B10() => New("s10", "eth0", "eth1", "eth2")
        .Sysctl("net.ipv4.ip_forward", 1)
        .AddAddress("eth0", "100.64.1.2/30").AddAddress("eth1", "198.51.100.2/30").AddAddress("eth2", "192.168.10.1/24")
        .Route("add default via 100.64.1.1 dev eth0").Route("add default via 198.51.100.1 dev eth1 metric 200");
}
