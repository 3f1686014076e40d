using System.Globalization;
using System.Text;
using Symroute.Model;
using Symroute.Sources;
using Symroute.Simulation;

namespace Symroute.Output;

/// <summary>
/// <c>ip route get</c>'s text output (iproute2 6.1 print_route on a kernel reply), byte for byte:
/// every field is followed by one space, IPv4 adds the <c>    cache …</c> line, IPv6 lines end
/// with <c>pref …</c>.
/// </summary>
public static class RouteGetText
{
    /// <summary>The lines ip prints for a successful lookup, each ending in a newline.</summary>
    public static string Format(RouteDecision d, TableNames names)
    {
        var sb = new StringBuilder(128);
        bool v6 = d.Query.Family == Family.Inet6;
        if (d.Type != RouteType.Unicast)
            sb.Append(TypeName(d.Type)).Append(' ');
        sb.Append(d.Dst).Append(' ');
        if (d.From is not null)
            sb.Append("from ").Append(d.From).Append(' ');
        else if (v6)
            sb.Append("from :: ");
        if (d.Tos != 0)
            sb.Append("tos ").Append(DsfieldNames.Format(d.Tos)).Append(' ');
        if (d.Gateway is not null)
            sb.Append("via ").Append(d.Gateway).Append(' ');
        if (d.Dev is not null)
            sb.Append("dev ").Append(d.Dev).Append(' ');
        if (d.Table is uint t && t != RouteTableId.Main && t != RouteTableId.Unspec)
            sb.Append("table ").Append(names.Format(t)).Append(' ');
        if (v6 && d.Protocol is byte p && p != RouteProtocol.Boot)
            sb.Append("proto ").Append(ProtocolNames.Format(p)).Append(' ');
        if (d.PrefSrc is not null)
            sb.Append("src ").Append(d.PrefSrc).Append(' ');
        if (v6 && d.Metric is uint m)
            sb.Append("metric ").Append(m.ToString(CultureInfo.InvariantCulture)).Append(' ');
        foreach (var flag in FlagNames(d))
            sb.Append(flag).Append(' ');
        if (d.Mark is uint mark && mark != 0)
            sb.Append("mark ").Append(mark >= 16 ? "0x" + mark.ToString("x", CultureInfo.InvariantCulture) : mark.ToString(CultureInfo.InvariantCulture)).Append(' ');
        if (d.Uid is uint uid && !v6)
            sb.Append("uid ").Append(uid.ToString(CultureInfo.InvariantCulture)).Append(' ');
        if (!v6)
        {
            sb.Append("\n    cache ");
            var cache = CacheNames(d.Cache).ToList();
            if (cache.Count > 0)
                sb.Append('<').Append(string.Join(',', cache)).Append("> ");
        }
        else if (d.Expires is uint exp)
        {
            sb.Append("expires ").Append(exp.ToString(CultureInfo.InvariantCulture)).Append("sec ");
        }
        if (d.Mtu is uint mtu)
            sb.Append("mtu ").Append(mtu.ToString(CultureInfo.InvariantCulture)).Append(' ');
        if (d.HopLimit is uint hl)
            sb.Append("hoplimit ").Append(hl.ToString(CultureInfo.InvariantCulture)).Append(' ');
        if (d.Iif is not null)
            sb.Append("iif ").Append(d.Iif).Append(' ');
        if (v6)
            sb.Append("pref ").Append(PrefName(d.Pref ?? RouterPreference.Medium));
        sb.Append('\n');
        return sb.ToString();
    }

    /// <summary>What ip prints on stderr for a failed lookup.</summary>
    public static string FormatError(RouteError e) => e.Extack is not null ? e.Message : "RTNETLINK answers: " + e.Message;

    internal static string TypeName(RouteType t) => t switch
    {
        RouteType.Unspec => "none",
        RouteType.XResolve => "xresolve",
        _ => t.ToString().ToLowerInvariant(),
    };

    internal static string PrefName(RouterPreference p) => p switch
    {
        RouterPreference.High => "high",
        RouterPreference.Low => "low",
        _ => "medium",
    };

    /// <summary>print_rt_flags over the reply's rtm_flags: the nexthop flags, then rt_offload_failed (= RTCF_MULTICAST).</summary>
    internal static IEnumerable<string> FlagNames(RouteDecision d)
    {
        if ((d.Flags & NexthopFlags.Dead) != 0) yield return "dead";
        if ((d.Flags & NexthopFlags.OnLink) != 0) yield return "onlink";
        if ((d.Flags & NexthopFlags.Pervasive) != 0) yield return "pervasive";
        if ((d.Flags & NexthopFlags.Offload) != 0) yield return "offload";
        if ((d.Flags & NexthopFlags.Trap) != 0) yield return "trap";
        if ((d.Cache & CacheFlags.Notify) != 0) yield return "notify";
        if ((d.Flags & NexthopFlags.LinkDown) != 0) yield return "linkdown";
        if ((d.Flags & NexthopFlags.Unresolved) != 0) yield return "unresolved";
        if ((d.Cache & CacheFlags.Multicast) != 0) yield return "rt_offload_failed";
    }

    /// <summary>print_cache_flags order: local, mc, brd, redirect.</summary>
    internal static IEnumerable<string> CacheNames(CacheFlags c)
    {
        if ((c & CacheFlags.Local) != 0) yield return "local";
        if ((c & CacheFlags.Multicast) != 0) yield return "mc";
        if ((c & CacheFlags.Broadcast) != 0) yield return "brd";
        if ((c & CacheFlags.Redirect) != 0) yield return "redirect";
        if ((c & CacheFlags.Notify) != 0) yield return "notify";
    }
}
