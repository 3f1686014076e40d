using Symroute.Model;

namespace Symroute.Simulation;

/// <summary>
/// The IPv6 sysctls of one device that routing reads: ignore_routes_with_linkdown is all OR dev
/// (ip6_ignore_linkdown); use_tempaddr and use_oif_addrs_only are per device; forwarding is
/// <c>all</c>'s (host or router mode).
/// </summary>
public sealed record EffectiveIpv6Conf(bool Forwarding, bool IgnoreRoutesWithLinkdown, int UseTempaddr, bool UseOifAddrsOnly, bool Disabled)
{
    public static EffectiveIpv6Conf For(Sysctls sysctls, string dev)
    {
        var all = sysctls.Ipv6For("all");
        var def = sysctls.Ipv6For("default");
        var d = sysctls.Ipv6For(dev);
        int Dev(Func<Ipv6Conf, int?> f) => f(d) ?? f(def) ?? 0;
        return new EffectiveIpv6Conf(
            Forwarding: (all.Forwarding ?? 0) != 0,
            IgnoreRoutesWithLinkdown: (all.IgnoreRoutesWithLinkdown ?? 0) != 0 || Dev(c => c.IgnoreRoutesWithLinkdown) != 0,
            UseTempaddr: Dev(c => c.UseTempaddr),
            UseOifAddrsOnly: Dev(c => c.UseOifAddrsOnly) != 0,
            Disabled: Dev(c => c.DisableIpv6) != 0 || (all.DisableIpv6 ?? 0) != 0);
    }
}
