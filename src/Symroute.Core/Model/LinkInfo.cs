using System.Collections.Immutable;

namespace Symroute.Model;

/// <summary>A network device (RTM_NEWLINK), named as <c>ip link</c> names its fields.</summary>
/// <param name="Index">ifindex.</param>
/// <param name="Name">ifname.</param>
/// <param name="Flags">Interface flags as iproute2 prints them: BROADCAST, MULTICAST, UP, LOWER_UP, LOOPBACK, NO-CARRIER, …</param>
/// <param name="Master">Name of the master device (bond, bridge, VRF), if any.</param>
/// <param name="Kind">Link kind from IFLA_LINKINFO (veth, vrf, wireguard, …), if any.</param>
/// <param name="Address">Link-layer address as iproute2 prints it (<c>4a:35:6b:3a:d8:d4</c>).</param>
/// <param name="Broadcast">Link-layer broadcast (or point-to-point peer) address.</param>
/// <param name="Qdisc">IFLA_QDISC.</param>
/// <param name="TxQueueLength">IFLA_TXQLEN (<c>qlen</c>); null when 0 (not printed).</param>
/// <param name="LinkIndex">IFLA_LINK of a device whose peer lives in another namespace (<c>eth0@if2</c>).</param>
/// <param name="Link">Name of the IFLA_LINK device in this namespace (<c>veth0@veth1</c>, <c>eth0.10@eth0</c>).</param>
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
    string? Address = null,
    string? Broadcast = null,
    string? Qdisc = null,
    int? TxQueueLength = null,
    int? LinkIndex = null,
    string? Link = null)
{
    public bool IsUp => Flags.Contains("UP");

    /// <summary>Carrier present: LOWER_UP set (NO-CARRIER is its absence on an UP device).</summary>
    public bool HasCarrier => Flags.Contains("LOWER_UP") || (IsLoopback && IsUp);

    public bool IsLoopback => Flags.Contains("LOOPBACK");
}
