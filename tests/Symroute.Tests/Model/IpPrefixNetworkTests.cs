using System.Net;
using Symroute.Model;
using Xunit;

namespace Symroute.Tests.Model;

public class IpPrefixNetworkTests
{
    [Theory]
    [InlineData("10.1.2.3", 8, "10.0.0.0")]
    [InlineData("10.1.2.3", 0, "0.0.0.0")]
    [InlineData("10.1.2.3", 32, "10.1.2.3")]
    [InlineData("10.1.2.255", 25, "10.1.2.128")]
    [InlineData("2001:db8:1:2::1", 48, "2001:db8:1::")]
    [InlineData("2001:db8:1:2::1", 63, "2001:db8:1:2::")]
    [InlineData("2001:db8:1:2::1", 128, "2001:db8:1:2::1")]
    public void Host_bits_are_cleared(string address, int length, string network)
    {
        var p = new IpPrefix(IPAddress.Parse(address), length).Network();
        Assert.Equal(IPAddress.Parse(network), p.Address);
        Assert.Equal(length, p.Length);
    }

    [Fact]
    public void An_already_clear_prefix_keeps_its_address_instance()
    {
        var a = IPAddress.Parse("192.0.2.0");
        Assert.Same(a, new IpPrefix(a, 24).Network().Address);
    }

    [Fact]
    public void A_scope_id_is_dropped()
    {
        var p = new IpPrefix(IPAddress.Parse("fe80::%2"), 64).Network();
        Assert.Equal(0, p.Address.ScopeId);
        Assert.Equal(IPAddress.Parse("fe80::"), p.Address);
    }
}
