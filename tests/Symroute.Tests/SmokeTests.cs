using Symroute.Model;
using Xunit;

namespace Symroute.Tests;

public class IpPrefixTests
{
    [Theory]
    [InlineData("10.0.0.0/8", "10.255.1.2", true)]
    [InlineData("10.0.0.0/8", "11.0.0.1", false)]
    [InlineData("2001:db8::/32", "2001:db8:1::1", true)]
    [InlineData("0.0.0.0/0", "8.8.8.8", true)]
    public void Contains(string prefix, string addr, bool expected)
    {
        Assert.True(IpPrefix.TryParse(prefix, null, out var p));
        Assert.Equal(expected, p!.Value.Contains(System.Net.IPAddress.Parse(addr)));
    }
}
