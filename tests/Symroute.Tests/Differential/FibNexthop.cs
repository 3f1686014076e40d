using System.Collections.Immutable;

namespace Symroute.Tests.Differential;

/// <summary>One nexthop of the FIB entry <c>ip route get fibmatch</c> reports.</summary>
public sealed record FibNexthop(string? Gateway, string? Dev, ImmutableArray<string> Flags)
{
    public bool IsDead => Flags.Contains("dead");
}
