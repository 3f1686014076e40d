using System.Collections.Immutable;
using System.Net;
using Symroute.Model;

namespace Symroute.Tests.Differential;

/// <summary>The interesting values of a generated configuration, used to bias queries toward them.</summary>
public sealed record ConfigKnowledge(
    ImmutableArray<IPAddress> OwnV4,
    ImmutableArray<IPAddress> OwnV6,
    ImmutableArray<IPAddress> GatewaysV4,
    ImmutableArray<IPAddress> GatewaysV6,
    ImmutableArray<IpPrefix> PrefixesV4,
    ImmutableArray<IpPrefix> PrefixesV6,
    ImmutableArray<uint> Marks,
    ImmutableArray<ushort> Ports,
    ImmutableArray<uint> Uids,
    ImmutableArray<byte> Tos);
