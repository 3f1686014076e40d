using System.Collections.Immutable;
using System.Net;
using Symroute.Model;

namespace Symroute.Checks;

/// <summary>What the checks need to know about one interface, computed once from the host state.</summary>
/// <param name="Addresses">Global-scope, usable addresses of both families, in the kernel's list order (primaries before secondaries).</param>
/// <param name="Gateways">Distinct gateways of routes through this interface in any table, main's default routes first.</param>
/// <param name="DefaultRoutes">Unicast default routes through this interface, in any table.</param>
public sealed record InterfaceFacts(
    LinkInfo Link,
    ImmutableArray<InterfaceAddress> Addresses,
    ImmutableArray<IPAddress> Gateways,
    ImmutableArray<Route> DefaultRoutes)
{
    public string Name => Link.Name;

    public IEnumerable<InterfaceAddress> AddressesOf(Family family) => Addresses.Where(a => a.Family == family);

    public IEnumerable<IPAddress> GatewaysOf(Family family) =>
        Gateways.Where(g => (g.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6) == (family == Family.Inet6));

    public bool HasGateway(Family family) => GatewaysOf(family).Any();
}
