using System.Globalization;
using System.Text;
using Symroute.Model;
using Symroute.Planning;

namespace Symroute.Backends;

/// <summary>
/// Rules and routes as <c>ip</c> arguments (iproute2 6.x syntax), shared by the runtime script,
/// ifupdown's post-up lines and network-scripts' route-/rule- files. Tables are numbers (the
/// names may not be installed yet); every object carries symroute's protocol.
/// </summary>
public static class IpCommand
{
    /// <summary><c>DST [via GW] dev DEV [proto P] [scope S] [src A] [metric M] [onlink] table T</c>, without the verb.</summary>
    public static string RouteArgs(Route r, bool withSrc = true, bool onlink = false, bool withProtocol = true)
    {
        var sb = new StringBuilder();
        if (r.Type != RouteType.Unicast) sb.Append(TypeName(r.Type)).Append(' ');
        sb.Append(r.Dst.ToRouteString());
        var nh = r.FirstNexthop;
        if (nh?.Gateway is { } g) sb.Append(" via ").Append(g);
        if (nh?.Dev is { } d) sb.Append(" dev ").Append(d);
        if (withProtocol) sb.Append(" proto ").Append(ProtocolText(r.Protocol));
        if (r.Family == Family.Inet && r.Scope == Scope.Link && nh?.Gateway is null) sb.Append(" scope link");
        if (withSrc && r.PrefSrc is { } s) sb.Append(" src ").Append(s);
        if (r.Metric is uint m) sb.Append(" metric ").Append(m.ToString(CultureInfo.InvariantCulture));
        if (onlink && nh?.Gateway is not null && r.Family == Family.Inet) sb.Append(" onlink");
        if (r.Table != RouteTableId.Main) sb.Append(" table ").Append(r.Table.ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    /// <summary><c>priority P [not] [from X] [to Y] [fwmark M/MASK] [iif I] [oif O] lookup T [suppress_prefixlength N] [protocol P]</c>.</summary>
    public static string RuleArgs(Rule r, bool withProtocol = true)
    {
        var sb = new StringBuilder();
        sb.Append("priority ").Append(r.Priority.ToString(CultureInfo.InvariantCulture));
        if (r.Not) sb.Append(" not");
        sb.Append(" from ").Append(r.From is { } f && !f.IsDefault ? f.ToString() : "all");
        if (r.To is { } t && !t.IsDefault) sb.Append(" to ").Append(t);
        if (r.FwMark is uint mark)
        {
            sb.Append(" fwmark ").Append(Hex(mark));
            if (r.FwMask is uint mask && mask != 0xffffffff) sb.Append('/').Append(Hex(mask));
        }
        if (r.Iif is { } iif) sb.Append(" iif ").Append(iif);
        if (r.Oif is { } oif) sb.Append(" oif ").Append(oif);
        switch (r.Action)
        {
            case RuleAction.Lookup:
                sb.Append(" lookup ").Append(TableText(r.Table ?? RouteTableId.Main));
                break;
            case RuleAction.Blackhole: sb.Append(" blackhole"); break;
            case RuleAction.Unreachable: sb.Append(" unreachable"); break;
            case RuleAction.Prohibit: sb.Append(" prohibit"); break;
            case RuleAction.Nop: sb.Append(" nop"); break;
            case RuleAction.Goto: sb.Append(" goto ").Append(r.Goto); break;
        }
        if (r.SuppressPrefixLength is int spl) sb.Append(" suppress_prefixlength ").Append(spl.ToString(CultureInfo.InvariantCulture));
        if (withProtocol && r.Protocol is byte p) sb.Append(" protocol ").Append(ProtocolText(p));
        return sb.ToString();
    }

    /// <summary>A full command line: <c>ip [-6] route add …</c>.</summary>
    public static string Route(string verb, Route r, bool withSrc = true, bool onlink = false) =>
        $"ip {(r.Family == Family.Inet6 ? "-6" : "-4")} route {verb} {RouteArgs(r, withSrc, onlink)}";

    /// <summary>A full command line: <c>ip [-6] rule add …</c>.</summary>
    public static string Rule(string verb, Rule r) =>
        $"ip {(r.Family == Family.Inet6 ? "-6" : "-4")} rule {verb} {RuleArgs(r)}";

    public static string Hex(uint v) => "0x" + v.ToString("x", CultureInfo.InvariantCulture);

    // Numbers, not names: rt_protos.d/rt_tables.d may not be installed where the command runs.
    private static string ProtocolText(byte p) => p.ToString(CultureInfo.InvariantCulture);

    private static string TableText(uint t) => t switch
    {
        RouteTableId.Main => "main",
        RouteTableId.Local => "local",
        RouteTableId.Default => "default",
        _ => t.ToString(CultureInfo.InvariantCulture),
    };

    public static string TypeName(RouteType t) => t switch
    {
        RouteType.Unicast => "unicast",
        RouteType.Local => "local",
        RouteType.Broadcast => "broadcast",
        RouteType.Anycast => "anycast",
        RouteType.Multicast => "multicast",
        RouteType.Blackhole => "blackhole",
        RouteType.Unreachable => "unreachable",
        RouteType.Prohibit => "prohibit",
        RouteType.Throw => "throw",
        RouteType.Nat => "nat",
        _ => "unicast",
    };
}
