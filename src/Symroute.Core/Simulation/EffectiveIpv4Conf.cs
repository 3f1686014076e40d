using Symroute.Model;

namespace Symroute.Simulation;

/// <summary>
/// The IPv4 sysctls of one device as the kernel applies them (include/linux/inetdevice.h IN_DEV_*):
/// rp_filter and arp_ignore/arp_announce take max(all, dev); accept_local, src_valid_mark,
/// send_redirects, shared_media, route_localnet, arp_filter, log_martians and
/// ignore_routes_with_linkdown take all OR dev; forwarding is the device's own value.
/// A value unknown for the device falls back to <c>default</c> (the template it was created from),
/// then to the kernel's compiled-in default.
/// </summary>
public sealed record EffectiveIpv4Conf(
    bool Forwarding,
    int RpFilter,
    bool AcceptLocal,
    bool SrcValidMark,
    bool SendRedirects,
    bool SharedMedia,
    bool RouteLocalnet,
    bool IgnoreRoutesWithLinkdown,
    int ArpIgnore,
    int ArpAnnounce,
    bool ArpFilter,
    bool LogMartians)
{
    /// <summary>Combines <c>all</c> and the device's values as the kernel does.</summary>
    public static EffectiveIpv4Conf For(Sysctls sysctls, string dev)
    {
        var all = sysctls.Ipv4For("all");
        var def = sysctls.Ipv4For("default");
        var d = sysctls.Ipv4For(dev);
        // A device's own value, else the template it was created from, else the kernel default.
        int Dev(Func<Ipv4Conf, int?> f, int kernelDefault) => f(d) ?? f(def) ?? kernelDefault;
        int All(Func<Ipv4Conf, int?> f, int kernelDefault) => f(all) ?? kernelDefault;
        bool Or(Func<Ipv4Conf, int?> f, int kernelDefault) => All(f, kernelDefault) != 0 || Dev(f, kernelDefault) != 0;
        int Max(Func<Ipv4Conf, int?> f) => Math.Max(All(f, 0), Dev(f, 0));
        // ip_forward writes all.forwarding into every device: use it when the device's value is unknown.
        int forwarding = d.Forwarding ?? all.Forwarding ?? def.Forwarding ?? 0;
        return new EffectiveIpv4Conf(
            Forwarding: forwarding != 0,
            RpFilter: Max(c => c.RpFilter),
            AcceptLocal: Or(c => c.AcceptLocal, 0),
            SrcValidMark: Or(c => c.SrcValidMark, 0),
            SendRedirects: Or(c => c.SendRedirects, 1),
            SharedMedia: Or(c => c.SharedMedia, 1),
            RouteLocalnet: Or(c => c.RouteLocalnet, 0),
            IgnoreRoutesWithLinkdown: Or(c => c.IgnoreRoutesWithLinkdown, 0),
            ArpIgnore: Max(c => c.ArpIgnore),
            ArpAnnounce: Max(c => c.ArpAnnounce),
            ArpFilter: Or(c => c.ArpFilter, 0),
            LogMartians: Or(c => c.LogMartians, 0));
    }
}
