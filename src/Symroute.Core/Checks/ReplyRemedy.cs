using Symroute.Model;
using Symroute.Planning;

namespace Symroute.Checks;

/// <summary>
/// Chooses between the two routing fixes for replies that leave by the wrong interface: source
/// rules, or source rules behind main-first when main holds routes the per-interface tables
/// would not (a Docker bridge, a VPN, an internal LAN without gateway, static routes). Never
/// loose rp_filter: that only hides the host's own drops.
/// </summary>
public static class ReplyRemedy
{
    public static Remedy For(CheckContext context, Family family, string subjectDev)
    {
        var extra = MainOnlyRoutes(context, family);
        if (extra.Count > 0)
            return new Remedy(Strategy.MainFirst,
                $"Give {subjectDev} its own table and source rules, behind a `lookup main suppress_prefixlength 0` rule, because main holds routes the per-interface tables would not ({string.Join("; ", extra)}): main-first lets those still win and only the default route comes from the interface's table.",
                context.PlanCommand(Strategy.MainFirst));
        return new Remedy(Strategy.SourceRules,
            $"Give {subjectDev} its own table (its connected route and a default via its own gateway) and a `from ADDRESS` rule per address, so that replies use the interface they belong to; loosening rp_filter would only hide the host's own drops, not the firewalls' upstream.",
            context.PlanCommand(Strategy.SourceRules));
    }

    /// <summary>
    /// The first three main routes a per-interface table would miss: routes through interfaces that
    /// are not uplinks (a Docker bridge, a VPN, an internal LAN without gateway). Routes through an
    /// uplink, its connected subnet or static routes via its own gateway, agree with that uplink's
    /// table. Searched once per family and context: every finding's remedy asks, and main may hold a
    /// full Internet table.
    /// </summary>
    public static IReadOnlyList<string> MainOnlyRoutes(CheckContext context, Family family) =>
        context.Cached(("main-only-routes", family), () => Search(context, family));

    private static List<string> Search(CheckContext context, Family family)
    {
        var uplinks = context.Facts.Interfaces.Where(i => context.HasGateway(i, family)).Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var found = new List<string>();
        string? lastUplink = null; // routes share their device names: skip the set lookup for a repeat
        foreach (var r in context.Facts.TableRoutes(RouteTableId.Main, family))
        {
            if (r.Type != RouteType.Unicast || r.Dst.IsDefault) continue;
            if (family == Family.Inet6 && (r.Dst.Address.IsIPv6LinkLocal || r.Dst.Address.IsIPv6Multicast)) continue;
            bool viaUplinks = true;
            foreach (var n in r.Nexthops)
            {
                if (n.Dev is not { } dev) { viaUplinks = false; break; }
                if (ReferenceEquals(dev, lastUplink)) continue;
                if (!uplinks.Contains(dev)) { viaUplinks = false; break; }
                lastUplink = dev;
            }
            if (viaUplinks) continue;
            found.Add(CheckText.Route(r, context.State.TableNames));
            if (found.Count == 3) break;
        }
        return found;
    }
}
