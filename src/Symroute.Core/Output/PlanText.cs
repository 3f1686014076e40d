using System.Globalization;
using System.Text;
using Symroute.Model;
using Symroute.Planning;

namespace Symroute.Output;

/// <summary>Routes and rules of a plan in <c>ip route</c> / <c>ip rule</c> words, with symroute's table and protocol names.</summary>
public static class PlanText
{
    public static string Route(Route r, Func<uint, string> table)
    {
        var sb = new StringBuilder();
        if (r.Family == Family.Inet6) sb.Append("-6 ");
        sb.Append(r.Dst.ToRouteString());
        var nh = r.FirstNexthop;
        if (nh?.Gateway is { } g) sb.Append(" via ").Append(g);
        if (nh?.Dev is { } d) sb.Append(" dev ").Append(d);
        if (r.Table != RouteTableId.Main) sb.Append(" table ").Append(table(r.Table));
        sb.Append(" proto ").Append(Protocol(r.Protocol));
        if (r.Family == Family.Inet && r.Scope == Scope.Link) sb.Append(" scope link");
        if (r.PrefSrc is { } s) sb.Append(" src ").Append(s);
        if (r.Metric is uint m) sb.Append(" metric ").Append(m.ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    public static string Rule(Rule r, Func<uint, string> table)
    {
        var sb = new StringBuilder();
        if (r.Family == Family.Inet6) sb.Append("-6 ");
        sb.Append(r.Priority.ToString(CultureInfo.InvariantCulture)).Append(':');
        if (r.Not) sb.Append(" not");
        sb.Append(" from ").Append(r.From is { } f && !f.IsDefault ? f.ToString() : "all");
        if (r.To is { } t && !t.IsDefault) sb.Append(" to ").Append(t);
        if (r.FwMark is uint mark)
        {
            sb.Append(" fwmark 0x").Append(mark.ToString("x", CultureInfo.InvariantCulture));
            if (r.FwMask is uint mask && mask != 0xffffffff) sb.Append("/0x").Append(mask.ToString("x", CultureInfo.InvariantCulture));
        }
        if (r.Action == RuleAction.Lookup) sb.Append(" lookup ").Append(table(r.Table ?? RouteTableId.Main));
        else sb.Append(' ').Append(r.Action.ToString().ToLowerInvariant());
        if (r.SuppressPrefixLength is int spl) sb.Append(" suppress_prefixlength ").Append(spl.ToString(CultureInfo.InvariantCulture));
        if (r.Protocol is byte p) sb.Append(" proto ").Append(Protocol(p));
        return sb.ToString();
    }

    public static string Protocol(byte p) => p switch
    {
        Ownership.Protocol => Ownership.ProtocolName,
        RouteProtocol.Kernel => "kernel",
        RouteProtocol.Boot => "boot",
        RouteProtocol.Static => "static",
        RouteProtocol.Ra => "ra",
        RouteProtocol.Dhcp => "dhcp",
        _ => p.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Table names as they will be once the plan is applied: the host's, plus symroute's.</summary>
    public static Func<uint, string> TableNamer(Plan plan, HostState host) => id =>
    {
        foreach (var t in plan.Tables)
            if (t.Id == id) return t.Name;
        return host.TableNames.Format(id);
    };

    public static char Sign(ChangeKind k) => k switch
    {
        ChangeKind.Add => '+',
        ChangeKind.Remove => '-',
        _ => '=',
    };

    public static string Name(ChangeKind k) => k switch
    {
        ChangeKind.Add => "add",
        ChangeKind.Remove => "remove",
        _ => "keep",
    };
}
