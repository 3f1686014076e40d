using System.Net;
using System.Net.Sockets;
using Symroute.Model;

namespace Symroute.Simulation;

/// <summary>
/// One <c>ip route get</c> question: the flow the kernel is asked to route. With <see cref="Iif"/>
/// it is an input lookup (a packet received on that device), otherwise an output lookup (a packet
/// this host sends). The family is the family of <see cref="Dst"/>.
/// </summary>
/// <param name="Dst">Destination address (<c>to</c>).</param>
/// <param name="From">Source address (<c>from</c>); null or 0.0.0.0 / :: = none.</param>
/// <param name="Iif">Input device name (<c>iif</c>): makes it an input lookup.</param>
/// <param name="Oif">Output device name (<c>oif</c>/<c>dev</c>).</param>
/// <param name="Mark">Firewall mark (<c>mark</c>).</param>
/// <param name="Tos">TOS / DS field byte (<c>tos</c>/<c>dsfield</c>).</param>
/// <param name="IpProto">IP protocol (<c>ipproto</c>); IPv4 <c>ip route get</c> defaults to UDP, IPv6 to 0.</param>
/// <param name="SPort">Source port (<c>sport</c>).</param>
/// <param name="DPort">Destination port (<c>dport</c>).</param>
/// <param name="Uid">User id (<c>uid</c>); output lookups default to 0, the uid of root running <c>ip</c>.</param>
public sealed record RouteQuery(
    IPAddress Dst,
    IPAddress? From = null,
    string? Iif = null,
    string? Oif = null,
    uint? Mark = null,
    byte? Tos = null,
    byte? IpProto = null,
    ushort? SPort = null,
    ushort? DPort = null,
    uint? Uid = null)
{
    public Family Family => Dst.AddressFamily == AddressFamily.InterNetworkV6 ? Family.Inet6 : Family.Inet;

    /// <summary>An input lookup (<c>iif</c> given).</summary>
    public bool IsInput => Iif is not null;

    /// <summary>Parses addresses for tests and tools: <c>RouteQuery.To("8.8.8.8") with { From = … }</c>.</summary>
    public static RouteQuery To(string dst, string? from = null, string? iif = null, string? oif = null) =>
        new(IPAddress.Parse(dst), from is null ? null : IPAddress.Parse(from), iif, oif);
}
