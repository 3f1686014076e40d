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
}
