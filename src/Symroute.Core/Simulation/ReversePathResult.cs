using System.Net;
using Symroute.Model;

namespace Symroute.Simulation;

/// <summary>
/// The reverse-path check (fib_validate_source) for a packet from <see cref="Source"/> to
/// <see cref="Destination"/> received on <see cref="Device"/>: the reverse lookup it made and the outcome.
/// </summary>
public sealed record ReversePathResult(
    bool Accepted,
    ReversePathOutcome Outcome,
    int RpFilter,
    string Device,
    IPAddress Source,
    IPAddress Destination)
{
    /// <summary>Whether the full check ran (a reverse lookup was made).</summary>
    public bool Looked { get; init; }

    /// <summary>iif of the reverse flow: the forward egress device when forwarding, <c>lo</c> for local delivery.</summary>
    public string? ReverseIif { get; init; }

    /// <summary>Mark used by the reverse lookup (the packet's only with src_valid_mark).</summary>
    public uint ReverseMark { get; init; }

    /// <summary>Ports of the reverse flow (swapped from the packet's), when rules need them.</summary>
    public ushort ReverseSPort { get; init; }

    public ushort ReverseDPort { get; init; }

    public byte ReverseIpProto { get; init; }

    /// <summary>What the reverse lookup found (null when it failed).</summary>
    public Route? Route { get; init; }

    /// <summary>Device of the reverse route's nexthop.</summary>
    public string? RouteDev { get; init; }

    public uint? Table { get; init; }

    public Rule? Rule { get; init; }

    /// <summary>Error of the reverse lookup when it failed.</summary>
    public Errno? LookupError { get; init; }

    /// <summary>The source is directly connected (the reverse route is a device route): the redirect rule uses it.</summary>
    public bool SourceOnLink { get; init; }
}
