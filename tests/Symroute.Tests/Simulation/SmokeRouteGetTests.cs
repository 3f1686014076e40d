using Xunit;

namespace Symroute.Tests.Simulation;

public class SmokeRouteGetTests
{
    [Theory]
    [InlineData("8.8.8.8", "8.8.8.8 via 192.0.2.1 dev eth0 src 192.0.2.10 uid 0 \n    cache \n")]
    [InlineData("192.0.2.10", "local 192.0.2.10 dev lo src 192.0.2.10 uid 0 \n    cache <local> \n")]
    [InlineData("255.255.255.255", "broadcast 255.255.255.255 dev eth0 src 192.0.2.10 uid 0 \n    cache <local,brd> \n")]
    [InlineData("224.0.0.1", "multicast 224.0.0.1 dev eth0 src 192.0.2.10 rt_offload_failed uid 0 \n    cache <local,mc> \n")]
    [InlineData("239.1.1.1", "multicast 239.1.1.1 dev eth0 src 192.0.2.10 rt_offload_failed uid 0 \n    cache <mc> \n")]
    [InlineData("0.0.0.0", "local 0.0.0.0 dev lo src 127.0.0.1 uid 0 \n    cache <local> \n")]
    [InlineData("10.0.0.0", "10.0.0.0 dev eth2 src 10.0.0.1 uid 0 \n    cache \n")]
    [InlineData("192.0.2.255", "broadcast 192.0.2.255 dev eth0 src 192.0.2.10 uid 0 \n    cache <local,brd> \n")]
    [InlineData("8.8.8.8 mark 0x13", "8.8.8.8 via 192.0.2.1 dev eth0 src 192.0.2.10 mark 0x13 uid 0 \n    cache \n")]
    [InlineData("8.8.8.8 mark 5 tos 0x10", "8.8.8.8 via 192.0.2.1 dev eth0 src 192.0.2.10 mark 5 uid 0 \n    cache \n")]
    [InlineData("8.8.8.8 oif eth1", "8.8.8.8 dev eth1 src 198.51.100.10 uid 0 \n    cache \n")]
    [InlineData("224.0.0.1 oif lo", "multicast 224.0.0.1 dev lo src 192.0.2.10 rt_offload_failed uid 0 \n    cache <local,mc> \n")]
    [InlineData("127.0.0.1", "local 127.0.0.1 dev lo src 127.0.0.1 uid 0 \n    cache <local> \n")]
    [InlineData("8.8.8.8 oif lo", "8.8.8.8 dev lo src 192.0.2.10 uid 0 \n    cache <local> \n")]
    [InlineData("192.0.2.10 oif eth1", "192.0.2.10 dev eth1 src 198.51.100.10 uid 0 \n    cache \n")]
    [InlineData("8.8.8.8 from 127.0.0.1", "RTNETLINK answers: Invalid argument")]
    [InlineData("8.8.8.8 from 1.2.3.4", "RTNETLINK answers: Network is unreachable")]
    [InlineData("8.8.8.8 from 10.0.0.1", "8.8.8.8 from 10.0.0.1 via 192.0.2.1 dev eth0 uid 0 \n    cache \n")]
    public void Output_matches_the_kernel(string query, string expected) =>
        Assert.Equal(expected, Lab.Get(Lab.Host(), query));

    [Theory]
    [InlineData("8.8.8.8 from 10.0.0.2 iif eth2", "8.8.8.8 from 10.0.0.2 via 192.0.2.1 dev eth0 \n    cache iif eth2 \n")]
    [InlineData("192.0.2.50 from 192.0.2.1 iif eth0", "192.0.2.50 from 192.0.2.1 dev eth0 \n    cache <redirect> iif eth0 \n")]
    [InlineData("10.0.0.255 from 10.0.0.2 iif eth2", "broadcast 10.0.0.255 from 10.0.0.2 dev lo \n    cache <local,brd> iif eth2 \n")]
    [InlineData("255.255.255.255 from 0.0.0.0 iif eth2", "broadcast 255.255.255.255 dev lo \n    cache <local,brd> iif eth2 \n")]
    [InlineData("192.0.2.10 from 10.0.0.2 iif eth2", "local 192.0.2.10 from 10.0.0.2 dev lo \n    cache <local> iif eth2 \n")]
    [InlineData("224.0.0.1 from 10.0.0.2 iif eth2", "multicast 224.0.0.1 from 10.0.0.2 dev lo rt_offload_failed \n    cache <local,mc> iif eth2 \n")]
    [InlineData("8.8.8.8 from 10.0.0.2 iif eth2 uid 5 mark 0x20", "8.8.8.8 from 10.0.0.2 via 192.0.2.1 dev eth0 mark 0x20 uid 5 \n    cache iif eth2 \n")]
    [InlineData("8.8.8.8 iif eth2", "RTNETLINK answers: Invalid argument")]
    public void Input_with_forwarding_matches_the_kernel(string query, string expected) =>
        Assert.Equal(expected, Lab.Get(Lab.Host().Sysctl("net.ipv4.conf.all.forwarding", 1), query));

    [Theory]
    [InlineData("2001:db8:1::10", "local 2001:db8:1::10 from :: dev lo table local proto kernel src 2001:db8:1::10 metric 0 pref medium\n")]
    [InlineData("2001:4860::1", "RTNETLINK answers: Network is unreachable")]
    [InlineData("2001:db8:1::5", "2001:db8:1::5 from :: dev eth0 proto kernel src 2001:db8:1::10 metric 256 pref medium\n")]
    [InlineData("::1", "local ::1 from :: dev lo table local proto kernel src ::1 metric 0 pref medium\n")]
    public void Ipv6_matches_the_kernel(string query, string expected) =>
        Assert.Equal(expected, Lab.Get(Lab.Host(), query));
}
