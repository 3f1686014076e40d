using System.Collections.Immutable;
using Symroute.Model;

namespace Symroute.Planning;

/// <summary>
/// Picks the default strategy from the host, and says why: connmark when the host forwards to
/// networks behind it (containers, a LAN: their replies carry their own source, so <c>from</c>
/// rules never match them), main-first when main holds specific routes the source tables would
/// bypass (Docker bridges, VPNs, static routes), source rules otherwise. loose-rp-filter and
/// one-gateway are never chosen: they are asked for.
/// </summary>
public static class StrategyChooser
{
    public static (Strategy Strategy, string Reason) Choose(HostState host, ImmutableArray<Uplink> uplinks)
    {
        var uplinkDevs = uplinks.Select(u => u.Dev).ToHashSet();
        bool forwarding = host.Sysctls.Ipv4For("all").Forwarding == 1;
        var behind = host.Links
            .Where(l => !l.IsLoopback && !uplinkDevs.Contains(l.Name)
                && host.Addresses.Any(a => a.Dev == l.Name && a.Family == Family.Inet && UplinkFinder.IsUsable(a)))
            .Select(l => l.Name)
            .ToList();
        if (forwarding && behind.Count > 0 && uplinks.Length > 0)
            return (Strategy.Connmark,
                $"IPv4 forwarding is on and {string.Join(", ", behind)} sit{(behind.Count == 1 ? "s" : "")} behind this host: " +
                "forwarded and DNAT'd replies carry their own source address, so only a connection mark set on the way in can send them back out the uplink they came from");

        var extra = ExtraMainRoutes(host, uplinks);
        if (extra.Count > 0)
            return (Strategy.MainFirst,
                $"main holds routes the per-interface tables would bypass ({string.Join(", ", extra.Take(3).Select(Describe))}{(extra.Count > 3 ? ", …" : "")}): " +
                "main is consulted first with its default route suppressed, so they keep working");

        return (Strategy.SourceRules, "each uplink gets a table with its own gateway and rules for its source addresses");
    }

    /// <summary>Specific routes in main other than the uplinks' own connected routes: bridges, tunnels, static routes.</summary>
    public static List<Route> ExtraMainRoutes(HostState host, ImmutableArray<Uplink> uplinks)
    {
        var uplinkDevs = uplinks.Select(u => u.Dev).ToHashSet();
        var list = new List<Route>();
        foreach (var r in host.Routes)
        {
            if (r.Table != RouteTableId.Main || r.Dst.IsDefault || r.Type != RouteType.Unicast)
                continue;
            if (r.Family == Family.Inet6 && (r.Dst.Address.IsIPv6LinkLocal || r.Dst.Address.IsIPv6Multicast))
                continue;
            var nh = r.FirstNexthop;
            if (nh is null || nh.Dev is null || host.FindLink(nh.Dev) is { IsLoopback: true })
                continue;
            bool uplinkConnected = uplinkDevs.Contains(nh.Dev) && nh.Gateway is null;
            if (!uplinkConnected)
                list.Add(r);
        }
        return list;
    }

    public static string Describe(Route r)
    {
        var nh = r.FirstNexthop;
        return nh?.Gateway is { } g ? $"{r.Dst.ToRouteString()} via {g} dev {nh.Dev}" : $"{r.Dst.ToRouteString()} dev {nh?.Dev}";
    }
}
