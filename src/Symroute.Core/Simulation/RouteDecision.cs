using System.Net;
using Symroute.Model;

namespace Symroute.Simulation;

/// <summary>
/// A successful lookup: the fields <c>ip route get</c> prints (<see cref="Type"/> …
/// <see cref="Iif"/>, null where <c>ip</c> prints nothing), plus what decided it
/// (<see cref="Route"/>, <see cref="Rule"/>, <see cref="ReversePath"/>) for checks and explanations.
/// </summary>
public sealed record RouteDecision(RouteQuery Query) : RouteResult(Query)
{
    /// <summary>Type of the cloned route (unicast, local, broadcast, multicast, anycast).</summary>
    public RouteType Type { get; init; } = RouteType.Unicast;

    /// <summary>The destination as asked (<c>dst</c>).</summary>
    public required IPAddress Dst { get; init; }

    /// <summary>The source as asked (<c>from</c>); null when none. IPv6 replies print <c>from ::</c> then.</summary>
    public IPAddress? From { get; init; }

    /// <summary>Gateway the packet is sent to (<c>via</c>), null for on-link destinations.</summary>
    public IPAddress? Gateway { get; init; }

    /// <summary>Output device (<c>dev</c>): <c>lo</c> for local delivery.</summary>
    public string? Dev { get; init; }

    /// <summary>
    /// Table id the kernel reports (<c>table</c>, printed unless main): main for the merged local/main
    /// fast path, null when no table was involved (on-link fallback, limited broadcast, …).
    /// </summary>
    public uint? Table
    {
        get => (_has & HasTable) != 0 ? _table : null;
        init
        {
            _table = value.GetValueOrDefault();
            _has = value.HasValue ? (ushort)(_has | HasTable) : (ushort)(_has & ~HasTable);
        }
    }

    private readonly uint _table;

    /// <summary>Preferred source the reply reports (<c>src</c>); IPv4 prints it only when it differs from <see cref="From"/>.</summary>
    public IPAddress? PrefSrc { get; init; }

    /// <summary>
    /// The source address packets of this flow carry: the requested source if any, else the selected
    /// one (output); the packet's source (input). Null when none could be chosen.
    /// </summary>
    public IPAddress? Source { get; init; }

    /// <summary>Input device (<c>iif</c>), input lookups only.</summary>
    public string? Iif { get; init; }

    /// <summary>IPv6: metric of the matched route.</summary>
    public uint? Metric
    {
        get => (_has & HasMetric) != 0 ? _metric : null;
        init
        {
            _metric = value.GetValueOrDefault();
            _has = value.HasValue ? (ushort)(_has | HasMetric) : (ushort)(_has & ~HasMetric);
        }
    }

    private readonly uint _metric;

    /// <summary>IPv6: router preference of the matched route.</summary>
    public RouterPreference? Pref
    {
        get => (_has & HasPref) != 0 ? _pref : null;
        init
        {
            _pref = value.GetValueOrDefault();
            _has = value.HasValue ? (ushort)(_has | HasPref) : (ushort)(_has & ~HasPref);
        }
    }

    private readonly RouterPreference _pref;

    /// <summary>IPv6: protocol of the matched route (printed unless boot).</summary>
    public byte? Protocol
    {
        get => (_has & HasProtocol) != 0 ? _protocol : null;
        init
        {
            _protocol = value.GetValueOrDefault();
            _has = value.HasValue ? (ushort)(_has | HasProtocol) : (ushort)(_has & ~HasProtocol);
        }
    }

    private readonly byte _protocol;

    /// <summary>TOS of the matched route entry (printed when non-zero).</summary>
    public byte Tos { get; init; }

    public uint? Mark
    {
        get => (_has & HasMark) != 0 ? _mark : null;
        init
        {
            _mark = value.GetValueOrDefault();
            _has = value.HasValue ? (ushort)(_has | HasMark) : (ushort)(_has & ~HasMark);
        }
    }

    private readonly uint _mark;

    public uint? Uid
    {
        get => (_has & HasUid) != 0 ? _uid : null;
        init
        {
            _uid = value.GetValueOrDefault();
            _has = value.HasValue ? (ushort)(_has | HasUid) : (ushort)(_has & ~HasUid);
        }
    }

    private readonly uint _uid;

    /// <summary>IPv4 <c>cache &lt;…&gt;</c> flags.</summary>
    public CacheFlags Cache { get; init; }

    /// <summary>IPv6: nexthop flags the reply carries (linkdown, onlink, dead).</summary>
    public NexthopFlags Flags { get; init; }

    /// <summary>Route metrics shown in the reply.</summary>
    public uint? Mtu
    {
        get => (_has & HasMtu) != 0 ? _mtu : null;
        init
        {
            _mtu = value.GetValueOrDefault();
            _has = value.HasValue ? (ushort)(_has | HasMtu) : (ushort)(_has & ~HasMtu);
        }
    }

    private readonly uint _mtu;

    public uint? HopLimit
    {
        get => (_has & HasHopLimit) != 0 ? _hopLimit : null;
        init
        {
            _hopLimit = value.GetValueOrDefault();
            _has = value.HasValue ? (ushort)(_has | HasHopLimit) : (ushort)(_has & ~HasHopLimit);
        }
    }

    private readonly uint _hopLimit;

    /// <summary>IPv6: seconds until the matched route expires.</summary>
    public uint? Expires
    {
        get => (_has & HasExpires) != 0 ? _expires : null;
        init
        {
            _expires = value.GetValueOrDefault();
            _has = value.HasValue ? (ushort)(_has | HasExpires) : (ushort)(_has & ~HasExpires);
        }
    }

    private readonly uint _expires;

    /// <summary>The FIB entry that matched; null for on-link fallback, 0.0.0.0, limited broadcast and multicast sent by source.</summary>
    public Route? Route { get; init; }

    /// <summary>The nexthop of <see cref="Route"/> that was chosen.</summary>
    public Nexthop? Nexthop { get; init; }

    /// <summary>The table that holds <see cref="Route"/> (local even when the kernel reports main).</summary>
    public uint? RouteTable
    {
        get => (_has & HasRouteTable) != 0 ? _routeTable : null;
        init
        {
            _routeTable = value.GetValueOrDefault();
            _has = value.HasValue ? (ushort)(_has | HasRouteTable) : (ushort)(_has & ~HasRouteTable);
        }
    }

    private readonly uint _routeTable;

    /// <summary>The policy rule whose lookup produced the route (for the merged fast path, the default rule for that table).</summary>
    public Rule? Rule { get; init; }

    /// <summary>
    /// The route had several usable nexthops and the kernel picks one by a flow hash the simulator does
    /// not reproduce: <see cref="Nexthop"/> is the first usable one, the kernel may pick another.
    /// </summary>
    public bool MultipathChoiceUncertain { get; init; }

    /// <summary>Input lookups: the reverse-path check that accepted the source, when one was made.</summary>
    public ReversePathResult? ReversePath { get; init; }

    // The optional numbers above are stored as values plus a presence bit each instead of
    // Nullable<T> fields: a decision is made per query, and every byte of it is allocated.
    private readonly ushort _has;

    private const ushort HasTable = 1;
    private const ushort HasMetric = 2;
    private const ushort HasPref = 4;
    private const ushort HasProtocol = 8;
    private const ushort HasMark = 16;
    private const ushort HasUid = 32;
    private const ushort HasMtu = 64;
    private const ushort HasHopLimit = 128;
    private const ushort HasExpires = 256;
    private const ushort HasRouteTable = 512;
}
