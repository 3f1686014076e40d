using Symroute.Model;
using Symroute.Simulation;

namespace Symroute.Tests.Simulation;

/// <summary>Hosts of docs/scenarios.md, built as ip would build them in a fresh namespace.</summary>
public static class Scenarios
{
    /// <summary>S1: two subnets, one default route (the classic). rp_filter strict, as on many distributions.</summary>
    public static HostState S1() => new HostBuilder()
        .Hostname("s1")
        .Sysctl("net.ipv4.conf.all.rp_filter", 1).Sysctl("net.ipv4.conf.default.rp_filter", 1)
        .AddLink("eth0").AddLink("eth1")
        .AddAddress("eth0", "192.168.1.50/24")
        .AddAddress("eth1", "10.10.20.50/24")
        .Route("add default via 192.168.1.1 dev eth0")
        .Build();

    /// <summary>S2: two NICs in one subnet, both with gateway 10.0.1.1 (the default via eth0).</summary>
    public static HostState S2() => new HostBuilder()
        .Hostname("s2")
        .Sysctl("net.ipv4.conf.all.rp_filter", 2).Sysctl("net.ipv4.conf.default.rp_filter", 2)
        .AddLink("eth0").AddLink("eth1")
        .AddAddress("eth0", "10.0.1.4/24")
        .AddAddress("eth1", "10.0.1.5/24")
        .Route("add default via 10.0.1.1 dev eth0")
        .Build();

    /// <summary>
    /// S6: a wg-quick full tunnel (table 51820, <c>not fwmark 51820</c> and <c>suppress_prefixlength 0</c>
    /// rules at auto priorities, src_valid_mark) plus SSH arriving on eth1.
    /// </summary>
    public static HostState S6() => new HostBuilder()
        .Hostname("s6")
        .Sysctl("net.ipv4.conf.all.rp_filter", 2).Sysctl("net.ipv4.conf.default.rp_filter", 2)
        .AddLink("eth0").AddLink("eth1").AddLink("wg0", kind: "wireguard", mtu: 1420, ipv6LinkLocal: false)
        .AddAddress("eth0", "192.168.1.50/24")
        .AddAddress("eth1", "10.10.20.50/24")
        .AddAddress("wg0", "10.100.0.2/32")
        .Route("add default via 192.168.1.1 dev eth0")
        // wg-quick up: its table, then its two rules, then src_valid_mark.
        .Route("add default dev wg0 table 51820")
        .Rule("add not fwmark 51820 table 51820")
        .Rule("add table main suppress_prefixlength 0")
        .Sysctl("net.ipv4.conf.all.src_valid_mark", 1)
        .Build();

    /// <summary>S7: IPv6 on both links, router advertisements on both (default routes of metric 1024).</summary>
    public static HostState S7() => new HostBuilder()
        .Hostname("s7")
        .AddLink("eth0").AddLink("eth1")
        .AddAddress("eth0", "2001:db8:a::50/64", flags: AddressFlags.Permanent | AddressFlags.NoDad)
        .AddAddress("eth1", "2001:db8:b::50/64", flags: AddressFlags.Permanent | AddressFlags.NoDad)
        .Route("-6 add default via fe80::1 dev eth0 proto ra metric 1024 expires 1798 hoplimit 64")
        .Route("-6 append default via fe80::1 dev eth1 proto ra metric 1024 expires 1798 hoplimit 64")
        .Build();
}
