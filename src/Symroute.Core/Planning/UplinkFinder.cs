using System.Collections.Immutable;
using System.Net;
using Symroute.Model;

namespace Symroute.Planning;

/// <summary>
/// Finds the interfaces that need a table of their own: those with global addresses and a
/// gateway. The gateway comes, in this order, from <c>--gateway</c>, a default route in main
/// through the interface (lowest metric), a default route in another table, or a gateway route in
/// main through it. Table ids are allocated later (<see cref="Uplink.Table"/> is 0 here).
/// </summary>
public static class UplinkFinder
{
    public static ImmutableArray<Uplink> Find(HostState host, PlanOptions options, List<PlanNote> notes)
    {
        var result = ImmutableArray.CreateBuilder<Uplink>();
        foreach (var link in host.Links.OrderBy(l => l.Index))
        {
            if (link.IsLoopback || !options.Selects(link.Name))
                continue;
            var addrs = host.Addresses.Where(a => a.Dev == link.Name && IsUsable(a)).ToImmutableArray();
            if (addrs.IsEmpty)
                continue;
            bool has4 = addrs.Any(a => a.Family == Family.Inet);
            bool has6 = addrs.Any(a => a.Family == Family.Inet6);

            (IPAddress? gw4, string? src4) = (options.GatewayFor(link.Name, Family.Inet), "--gateway");
            if (gw4 is null) (gw4, src4) = has4 ? FindGateway(host, link.Name, Family.Inet) : (null, null);
            (IPAddress? gw6, string? src6) = (options.GatewayFor(link.Name, Family.Inet6), "--gateway");
            if (gw6 is null) (gw6, src6) = has6 ? FindGateway(host, link.Name, Family.Inet6) : (null, null);

            if (gw4 is null && gw6 is null)
            {
                // Bridges and tunnels (docker0, wg0) sit behind the host or carry their own routing: no note.
                if (addrs.Any(a => a.Family == Family.Inet) && HasOtherUplinkCandidate(host, link.Name)
                    && link.Kind is null or "veth" or "vlan" or "bond" or "macvlan" or "ipvlan" or "team")
                    notes.Add(new PlanNote(PlanNoteLevel.Info,
                        $"{link.Name} has addresses ({string.Join(", ", addrs.Select(a => a.Local))}) but no gateway symroute can see; it gets no table. " +
                        $"If off-link clients reach it, give its gateway with --gateway {link.Name}=ADDRESS."));
                continue;
            }
            if (has4 && gw4 is null)
                notes.Add(new PlanNote(PlanNoteLevel.Info, $"{link.Name}: no IPv4 gateway found; its IPv4 addresses get no table (--gateway {link.Name}=ADDRESS gives one)."));

            bool dhcp4 = addrs.Any(a => a.Family == Family.Inet && a.ValidLifetime is not null)
                || host.Routes.Any(r => r.Family == Family.Inet && r.Table == RouteTableId.Main && r.Dst.IsDefault
                    && r.Protocol == RouteProtocol.Dhcp && r.FirstNexthop?.Dev == link.Name);
            result.Add(new Uplink(link.Name, link.Index, 0, addrs, gw4, src4, gw6, src6, dhcp4));
        }
        return result.ToImmutable();
    }

    /// <summary>Global-scope addresses that can be a reply's source (not tentative, not failed DAD).</summary>
    public static bool IsUsable(InterfaceAddress a) =>
        a.Scope == Scope.Global
        && (a.Flags & (AddressFlags.Tentative | AddressFlags.DadFailed)) == 0
        && !(a.Family == Family.Inet6 && a.Local.IsIPv6LinkLocal);

    private static bool HasOtherUplinkCandidate(HostState host, string dev) =>
        host.Routes.Any(r => r.Dst.IsDefault && r.FirstNexthop is { Gateway: not null } nh && nh.Dev != dev);

    private static (IPAddress?, string?) FindGateway(HostState host, string dev, Family family)
    {
        var defaults = host.Routes
            .Where(r => r.Family == family && r.Type == RouteType.Unicast && r.Dst.IsDefault)
            .SelectMany(r => r.Nexthops.Select(nh => (Route: r, Nh: nh)))
            .Where(x => x.Nh.Dev == dev && x.Nh.Gateway is not null)
            .ToList();
        var inMain = defaults.Where(x => x.Route.Table == RouteTableId.Main)
            .OrderBy(x => StateMatch.EffectiveMetric(x.Route)).FirstOrDefault();
        if (inMain.Nh is not null)
            return (inMain.Nh.Gateway, "main's default route");
        var elsewhere = defaults.OrderBy(x => x.Route.Table).FirstOrDefault();
        if (elsewhere.Nh is not null)
            return (elsewhere.Nh.Gateway, $"the default route of table {host.TableNames.Format(elsewhere.Route.Table)}");
        var gatewayRoute = host.Routes
            .Where(r => r.Family == family && r.Table == RouteTableId.Main && r.Type == RouteType.Unicast && !r.Dst.IsDefault)
            .SelectMany(r => r.Nexthops.Select(nh => (Route: r, Nh: nh)))
            .FirstOrDefault(x => x.Nh.Dev == dev && x.Nh.Gateway is not null);
        if (gatewayRoute.Nh is not null)
            return (gatewayRoute.Nh.Gateway, $"main's route to {gatewayRoute.Route.Dst.ToRouteString()}");
        return (null, null);
    }
}
