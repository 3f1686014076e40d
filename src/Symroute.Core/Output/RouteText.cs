using System.Globalization;
using System.Text;
using Symroute.Model;
using Symroute.Sources;

namespace Symroute.Output;

/// <summary>
/// A route as <c>ip route show</c> prints it (print_route), on one line: multipath nexthops follow
/// as <c>nexthop via … dev … weight …</c> instead of on their own lines; no trailing space.
/// </summary>
public static class RouteText
{
    public static string Format(Route r, TableNames names, bool showTable = true)
    {
        var sb = new StringBuilder(96);
        bool v6 = r.Family == Family.Inet6;
        if (r.Type != RouteType.Unicast)
            sb.Append(RouteGetText.TypeName(r.Type)).Append(' ');
        sb.Append(r.Dst.ToRouteString()).Append(' ');
        if (r.Src is { Length: > 0 } src)
            sb.Append("from ").Append(src).Append(' ');
        if (r.NhId is uint nhid)
            sb.Append("nhid ").Append(nhid.ToString(CultureInfo.InvariantCulture)).Append(' ');
        if (r.Tos != 0)
            sb.Append("tos ").Append(DsfieldNames.Format(r.Tos)).Append(' ');
        bool multipath = r.Multipath || (!r.Nexthops.IsDefaultOrEmpty && r.Nexthops.Length > 1);
        var first = r.FirstNexthop;
        if (!multipath && first is not null)
        {
            if (first.Gateway is not null)
                sb.Append("via ").Append(first.Gateway).Append(' ');
            if (first.Dev is not null)
                sb.Append("dev ").Append(first.Dev).Append(' ');
        }
        if (showTable && r.Table != RouteTableId.Main)
            sb.Append("table ").Append(names.Format(r.Table)).Append(' ');
        if (r.Protocol != RouteProtocol.Boot)
            sb.Append("proto ").Append(ProtocolNames.Format(r.Protocol)).Append(' ');
        if (r.Scope != Scope.Global)
            sb.Append("scope ").Append(ScopeNames.Format(r.Scope)).Append(' ');
        if (r.PrefSrc is not null)
            sb.Append("src ").Append(r.PrefSrc).Append(' ');
        if (r.Metric is uint m && (v6 || m != 0))
            sb.Append("metric ").Append(m.ToString(CultureInfo.InvariantCulture)).Append(' ');
        if (!multipath && first is not null)
            AppendFlags(sb, first.Flags);
        if (r.Expires is uint exp)
            sb.Append("expires ").Append(exp.ToString(CultureInfo.InvariantCulture)).Append("sec ");
        if (r.Mtu is uint mtu)
            sb.Append("mtu ").Append(mtu.ToString(CultureInfo.InvariantCulture)).Append(' ');
        if (r.HopLimit is uint hl)
            sb.Append("hoplimit ").Append(hl.ToString(CultureInfo.InvariantCulture)).Append(' ');
        if (v6)
            sb.Append("pref ").Append(RouteGetText.PrefName(r.Pref ?? RouterPreference.Medium)).Append(' ');
        if (multipath)
        {
            foreach (var nh in r.Nexthops)
            {
                sb.Append("nexthop ");
                if (nh.Gateway is not null) sb.Append("via ").Append(nh.Gateway).Append(' ');
                if (nh.Dev is not null) sb.Append("dev ").Append(nh.Dev).Append(' ');
                sb.Append("weight ").Append(nh.Weight.ToString(CultureInfo.InvariantCulture)).Append(' ');
                AppendFlags(sb, nh.Flags);
            }
        }
        return sb.ToString().TrimEnd();
    }

    private static void AppendFlags(StringBuilder sb, NexthopFlags f)
    {
        if ((f & NexthopFlags.Dead) != 0) sb.Append("dead ");
        if ((f & NexthopFlags.OnLink) != 0) sb.Append("onlink ");
        if ((f & NexthopFlags.Pervasive) != 0) sb.Append("pervasive ");
        if ((f & NexthopFlags.Offload) != 0) sb.Append("offload ");
        if ((f & NexthopFlags.Trap) != 0) sb.Append("trap ");
        if ((f & NexthopFlags.LinkDown) != 0) sb.Append("linkdown ");
        if ((f & NexthopFlags.Unresolved) != 0) sb.Append("unresolved ");
    }
}
