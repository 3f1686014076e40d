using Symroute.Model;
using Xunit;

namespace Symroute.Tests.Sources;

public static class ModelAssert
{
    public static void Equal(HostState expected, HostState actual)
    {
        var d = HostStateDiff.Compare(expected, actual);
        Assert.True(d.Count == 0, "models differ:\n" + string.Join("\n", d));
    }

    /// <summary>Clears what changes between two captures a second apart (RA expiry, address lifetimes).</summary>
    public static HostState WithoutTimers(HostState s) => s with
    {
        Routes = [.. s.Routes.Select(r => r with { Expires = r.Expires is null ? null : 0 })],
        Addresses = [.. s.Addresses.Select(a => a with
        {
            ValidLifetime = a.ValidLifetime is null ? null : 0,
            PreferredLifetime = a.PreferredLifetime is null ? null : 0,
        })],
    };
}
