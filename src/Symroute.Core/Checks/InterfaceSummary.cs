using System.Collections.Immutable;
using System.Net;

namespace Symroute.Checks;

/// <summary>One interface in the report header.</summary>
/// <param name="State">UP, DOWN or NO-CARRIER.</param>
/// <param name="Addresses">Global addresses as <c>ADDR/LEN</c>, kernel order.</param>
/// <param name="Gateways">Gateways of routes through it, any table.</param>
/// <param name="Backend">The network configuration backend that manages it, when known (netplan, networkmanager, networkd, ifupdown, network-scripts).</param>
public sealed record InterfaceSummary(
    string Name,
    string State,
    ImmutableArray<string> Addresses,
    ImmutableArray<IPAddress> Gateways,
    string? Backend = null);
