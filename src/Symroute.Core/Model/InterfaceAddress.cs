using System.Net;

namespace Symroute.Model;

/// <summary>
/// An address configured on a device (RTM_NEWADDR). Not an <see cref="IpPrefix"/>: the host
/// bits are the point. Kept in the kernel's list order inside <see cref="HostState.Addresses"/>.
/// </summary>
/// <param name="Dev">Device name.</param>
/// <param name="Local">IFA_LOCAL: the address itself.</param>
/// <param name="Peer">IFA_ADDRESS when it differs from the local address (point-to-point peer).</param>
/// <param name="Metric">IFA_RT_PRIORITY: metric of the prefix route.</param>
/// <param name="ValidLifetime">Seconds; null = forever.</param>
/// <param name="PreferredLifetime">Seconds; null = forever.</param>
public sealed record InterfaceAddress(
    string Dev,
    IPAddress Local,
    int PrefixLength,
    Scope Scope = Scope.Global,
    AddressFlags Flags = AddressFlags.Permanent,
    IPAddress? Peer = null,
    IPAddress? Broadcast = null,
    string? Label = null,
    uint? Metric = null,
    uint? ValidLifetime = null,
    uint? PreferredLifetime = null,
    byte? Protocol = null)
{
    public Family Family => Local.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? Family.Inet6 : Family.Inet;

    public bool IsSecondary => (Flags & AddressFlags.Secondary) != 0;

    /// <summary>The subnet this address makes on-link (of the peer for point-to-point addresses).</summary>
    public IpPrefix Subnet => new IpPrefix(Peer ?? Local, PrefixLength).Network();
}
