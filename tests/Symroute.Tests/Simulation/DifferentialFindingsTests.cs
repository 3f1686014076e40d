using Symroute.Model;
using Xunit;

namespace Symroute.Tests.Simulation;

/// <summary>
/// Simulator bugs found by the differential test against kernel 6.18 (tests/Symroute.Tests/Differential),
/// each reduced to its smallest form; the seed names the generated configuration that showed it.
/// </summary>
public sealed class DifferentialFindingsTests
{
    [Fact]
    public void Unsupported_ipproto_is_refused_before_any_lookup()
    {
        // Seed 1 and others: rtm_getroute_parse_ip_proto accepts TCP, UDP and the family's ICMP only;
        // the kernel's extack makes ip print "Error: Unsupported ip proto." (no RTNETLINK line).
        var b = Lab.Host();
        Assert.Equal("Error: Unsupported ip proto.", Lab.Get(b, "2001:db8:1::99 ipproto icmp"));
        Assert.Equal("Error: Unsupported ip proto.", Lab.Get(b, "2001:db8:1::99 from 2001:db8:2::1 iif eth1 ipproto icmp"));
        Assert.Equal("Error: Unsupported ip proto.", Lab.Get(b, "8.8.8.8 ipproto 47"));
        Assert.Equal("""{"error":"Error: Unsupported ip proto."}""", Lab.Json(b, "2001:db8:1::99 ipproto icmp"));
        Assert.DoesNotContain("Error", Lab.Get(b, "2001:db8:1::99 ipproto ipv6-icmp"));
        Assert.DoesNotContain("Error", Lab.Get(b, "8.8.8.8 ipproto icmp"));
    }

    [Fact]
    public void The_local_route_of_an_address_on_a_down_device_still_answers()
    {
        // Seeds 8, 13, 21: a device that is down keeps the local routes of its addresses, with live
        // nexthops (the dump shows no "dead"); IPv6 lookups still find them.
        var b = Lab.Host().AddLink("eth3", up: false)
            .AddRoute(new Route(Family.Inet6, RouteTableId.Local, RouteType.Local,
                new IpPrefix(System.Net.IPAddress.Parse("2001:db8:77::1"), 128),
                [new Nexthop(null, "eth3")], Protocol: RouteProtocol.Kernel, Metric: 0));
        Assert.Contains("\"type\":\"local\"", Lab.Json(b, "2001:db8:77::1"));
    }

    [Fact]
    public void Ipv6_input_lookups_without_uid_match_no_uidrange()
    {
        // Seeds 119, 130, 145: inet6_rtm_getroute gives an iif lookup INVALID_UID unless uid is named,
        // so "uidrange 0-999" does not match it (IPv4 input lookups run as uid 0 instead).
        var b = Lab.Host().Rule("-6 add pref 100 uidrange 0-999 unreachable");
        Assert.DoesNotContain("error", Lab.Json(b, "2001:db8:2::1 from 2001:db8:1::99 iif eth0"));
        Assert.Equal("""{"error":"Network is unreachable"}""", Lab.Json(b, "2001:db8:2::1 from 2001:db8:1::99 iif eth0 uid 5"));
        Assert.Equal("""{"error":"Network is unreachable"}""", Lab.Json(b, "2001:db8:2::1"));
    }

    [Fact]
    public void Ipv6_input_lookups_report_the_route_src()
    {
        // Seeds 11, 85, 107, 113: rt6_fill_node puts the route's prefsrc in every reply, input ones too.
        var b = Lab.Host().Route("add 2001:db8:9::/48 via 2001:db8:2::1 dev eth1 src 2001:db8:1::10");
        Assert.Contains("\"prefsrc\":\"2001:db8:1::10\"", Lab.Json(b, "2001:db8:9::1 from 2001:db8:1::99 iif eth0"));
        Assert.DoesNotContain("prefsrc", Lab.Json(b, "2001:db8:2::1 from 2001:db8:1::99 iif eth0"));
    }

    [Fact]
    public void A_gateway_that_is_a_local_address_is_not_used()
    {
        // Seed 8: fib_check_nh_v4_gw gives the nexthop the scope of the route its gateway resolves to,
        // host for a local address; rt_set_nexthop then ignores the gateway, and __fib_validate_source
        // counts sources reached through it as on-link (hence the redirect).
        var b = Lab.Host(ipv6: false).Route("add 203.0.113.0/24 via 198.51.100.10 dev eth1");
        Assert.DoesNotContain("gateway", Lab.Json(b, "203.0.113.5"));
        Assert.Contains("\"dev\":\"eth1\"", Lab.Json(b, "203.0.113.5"));
        Assert.Contains("\"gateway\":\"192.0.2.1\"", Lab.Json(b, "8.8.8.8"));
        b.Sysctl("net.ipv4.conf.all.forwarding", 1);
        var through = Lab.Json(b, "203.0.113.9 from 203.0.113.5 iif eth1");
        Assert.DoesNotContain("gateway", through);
        Assert.Contains("redirect", through);
    }

    [Fact]
    public void A_prefix_with_source_specific_routes_is_passed_over_when_no_source_matches()
    {
        // Seed 1071: fib6_node_lookup_1 enters a destination node with a subtree only through it; with
        // no matching source prefix the node's routes without source are passed over as well.
        var b = Lab.Host()
            .Route("add 2001:db8::/32 via 2001:db8:1::1 dev eth0")
            .Route("add 2001:db8:2::/64 from 2001:db8:2::5 via 2001:db8:2::1 dev eth1 metric 2048");
        Assert.Contains("\"gateway\":\"2001:db8:1::1\"", Lab.Json(b, "2001:db8:2::1"));
        Assert.Contains("\"gateway\":\"2001:db8:1::1\"", Lab.Json(b, "2001:db8:2::1 from 2001:db8:2::10"));
        Assert.Contains("\"gateway\":\"2001:db8:2::1\"", Lab.Json(b, "2001:db8:2::1 from 2001:db8:2::5"));
        Assert.Contains("\"gateway\":\"2001:db8:1::1\"", Lab.Json(b, "2001:db8:2::1 from 2001:db8:1::99 iif eth0"));
        // Seed 55: except at the root, where fib6_node_lookup falls back to ::/0's own routes.
        var d = Lab.Host().Route("-6 add default via 2001:db8:1::1 dev eth0")
            .Route("-6 add default from fd00:2::/48 via fe80::1 dev eth1");
        Assert.Contains("\"gateway\":\"fe80::1\",\"dev\":\"eth1\"", Lab.Json(d, "2001:4860::1 from fd00:2::1"));
        Assert.Contains("\"gateway\":\"2001:db8:1::1\"", Lab.Json(d, "2001:4860::1 from 2001:db8:1::10"));
        Assert.Contains("\"gateway\":\"2001:db8:1::1\"", Lab.Json(d, "2001:4860::1"));
    }
}
