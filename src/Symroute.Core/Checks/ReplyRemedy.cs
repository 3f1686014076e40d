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
        var extra = MainOnlyRoutes(context, family).Take(3).ToList();
        if (extra.Count > 0)
            return new Remedy(Strategy.MainFirst,
                $"Give {subjectDev} its own table and source rules, behind a `lookup main suppress_prefixlength 0` rule, because main holds routes the per-interface tables would not ({string.Join("; ", extra)}): main-first lets those still win and only the default route comes from the interface's table.",
                context.PlanCommand(Strategy.MainFirst));
        return new Remedy(Strategy.SourceRules,
            $"Give {subjectDev} its own table (its connected route and a default via its own gateway) and a `from ADDRESS` rule per address, so that replies use the interface they belong to; loosening rp_filter would only hide the host's own drops, not the firewalls' upstream.",
            context.PlanCommand(Strategy.SourceRules));
    }

    /// <summary>
    /// Main routes a per-interface table would miss: routes through interfaces that are not uplinks
    /// (a Docker bridge, a VPN, an internal LAN without gateway). Routes through an uplink, its
    /// connected subnet or static routes via its own gateway, agree with that uplink's table.
    /// </summary>
    public static IEnumerable<string> MainOnlyRoutes(CheckContext context, Family family)
    {
        var uplinks = context.Facts.Interfaces.Where(i => context.HasGateway(i, family)).Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var r in context.Facts.TableRoutes(RouteTableId.Main, family))
        {
            if (r.Type != RouteType.Unicast || r.Dst.IsDefault) continue;
            if (family == Family.Inet6 && (r.Dst.Address.IsIPv6LinkLocal || r.Dst.Address.IsIPv6Multicast)) continue;
            if (r.Nexthops.All(n => n.Dev is not null && uplinks.Contains(n.Dev))) continue;
            yield return CheckText.Route(r, context.State.TableNames);
        }
    }
}
