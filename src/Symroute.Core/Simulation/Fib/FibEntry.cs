using Symroute.Model;

namespace Symroute.Simulation.Fib;

/// <summary>
/// A route as a table lookup sees it (fib_alias + fib_info, or fib6_info). IPv6 multipath routes are
/// split into one entry per nexthop (the kernel's siblings), sharing <see cref="Route"/>.
/// </summary>
internal sealed class FibEntry
{
    public FibEntry(Route route, uint tableId, FibNexthop[] nexthops)
    {
        Route = route;
        TableId = tableId;
        Nexthops = nexthops;
        Type = route.Type;
        Tos = route.Tos;
        Scope = (byte)route.Scope;
        PrefixLength = route.Dst.Length;
        Metric = route.Metric ?? 0;
        HasMetrics = route.Mtu is not null || route.HopLimit is not null;
        Dead = nexthops.Length > 0 && Array.TrueForAll(nexthops, n => n.Dead);
        if (route.PrefSrc is not null)
        {
            HasPrefSrc = true;
            PrefSrc = AddressBits.Bits(route.PrefSrc);
        }
        PrefScore = route.Pref switch
        {
            RouterPreference.High => 3,
            RouterPreference.Low => 1,
            _ => 2,
        };
        if (route.Src is { } src && src.Length > 0)
        {
            SrcLength = src.Length;
            Src = AddressBits.V6(src.Address) & AddressBits.Mask6(src.Length);
        }
    }

    public Route Route { get; }

    /// <summary>
    /// The route carries an mtu or hoplimit metric. Answers read those from <see cref="Route"/> only
    /// then: on a full table the route object is one more cache miss per decision.
    /// </summary>
    public bool HasMetrics { get; }

    /// <summary>The table the route lives in (local for local-table entries even inside the merged trie).</summary>
    public uint TableId { get; }

    public FibNexthop[] Nexthops { get; }

    public RouteType Type { get; }

    public byte Tos { get; }

    public byte Scope { get; }

    public int PrefixLength { get; }

    public uint Metric { get; }

    /// <summary>fib_info RTNH_F_DEAD: every nexthop is dead.</summary>
    public bool Dead { get; }

    public bool HasPrefSrc { get; }

    public UInt128 PrefSrc { get; }

    /// <summary>IPv6 router preference as rt6_score_route weighs it: high 3, medium 2, low 1.</summary>
    public int PrefScore { get; }

    /// <summary>IPv6 source-specific routes: <c>from</c> prefix.</summary>
    public int SrcLength { get; }

    public UInt128 Src { get; }

    /// <summary>IPv6: number of ECMP siblings (entries split from one multipath route), 1 otherwise.</summary>
    public int Siblings { get; set; } = 1;

    /// <summary>The route is an error type (the lookup returns its error before looking at nexthops).</summary>
    public bool IsReject => Type is RouteType.Unreachable or RouteType.Prohibit or RouteType.Blackhole or RouteType.Throw;

    /// <summary>The error this entry's type makes a lookup return (fib_props[type].error); null for usable types.</summary>
    public Errno? RejectErrno => Type switch
    {
        RouteType.Unreachable => Errno.EHOSTUNREACH,
        RouteType.Prohibit => Errno.EACCES,
        RouteType.Blackhole => Errno.EINVAL,
        _ => null,
    };
}
