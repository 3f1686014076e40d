using System.Collections.Immutable;

namespace Symroute.Model;

/// <summary>A network device (RTM_NEWLINK), named as <c>ip link</c> names its fields.</summary>
/// <param name="Index">ifindex.</param>
/// <param name="Name">ifname.</param>
/// <param name="Flags">Interface flags as iproute2 prints them: BROADCAST, MULTICAST, UP, LOWER_UP, LOOPBACK, NO-CARRIER, …</param>
/// <param name="Master">Name of the master device (bond, bridge, VRF), if any.</param>
/// <param name="Kind">Link kind from IFLA_LINKINFO (veth, vrf, wireguard, …), if any.</param>
public sealed record LinkInfo(
    int Index,
    string Name,
    ImmutableArray<string> Flags,
    int Mtu = 1500,
    string? OperState = null,
    int Group = 0,
    string? Master = null,
    string? Kind = null,
    string? LinkType = null,
    string? Address = null)
{
    public bool IsUp => Flags.Contains("UP");

    /// <summary>Carrier present: LOWER_UP set (NO-CARRIER is its absence on an UP device).</summary>
    public bool HasCarrier => Flags.Contains("LOWER_UP") || (IsLoopback && IsUp);

    public bool IsLoopback => Flags.Contains("LOOPBACK");
}
