using System.Collections.Immutable;
using System.Net;
using Symroute.Model;

namespace Symroute.Planning;

/// <summary>An interface with addresses and a gateway of its own: it gets a table and source rules.</summary>
/// <param name="Dev">Interface name.</param>
/// <param name="Index">ifindex (allocation order).</param>
/// <param name="Table">The table allocated to it.</param>
/// <param name="Addresses">Its global IPv4 and IPv6 addresses in kernel order.</param>
/// <param name="Gateway4">IPv4 gateway, if known.</param>
/// <param name="Gateway4Source">Where the gateway came from ("default route in main", "--gateway", …).</param>
/// <param name="Gateway6">IPv6 gateway (usually link-local, from router advertisements), if known.</param>
/// <param name="Dhcp4">The IPv4 address and gateway come from a DHCP lease and may change.</param>
/// <param name="Mark">Connmark value (connmark strategy only).</param>
public sealed record Uplink(
    string Dev,
    int Index,
    uint Table,
    ImmutableArray<InterfaceAddress> Addresses,
    IPAddress? Gateway4,
    string? Gateway4Source,
    IPAddress? Gateway6,
    string? Gateway6Source,
    bool Dhcp4,
    uint? Mark = null);
