using System.Net;

namespace Symroute.Model;

/// <summary>A socket bound for receiving (/proc/net/udp, udp6): <c>Local</c> is 0.0.0.0 or :: for a wildcard bind.</summary>
/// <param name="Inode">Socket inode; 0 for kernel-owned sockets (tunnels such as VXLAN or WireGuard).</param>
public sealed record ListeningSocket(string Protocol, IPAddress Local, ushort Port, ulong Inode)
{
    public bool IsWildcard => Local.Equals(IPAddress.Any) || Local.Equals(IPAddress.IPv6Any);
}
