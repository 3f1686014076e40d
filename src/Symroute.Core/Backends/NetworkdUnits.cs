using System.Globalization;
using System.Text;
using Symroute.Model;
using Symroute.Planning;

namespace Symroute.Backends;

/// <summary>
/// systemd-networkd <c>[Route]</c> and <c>[RoutingPolicyRule]</c> sections (systemd.network(5)),
/// shared by the networkd renderer and the netplan renderer (for what netplan's YAML cannot say).
/// Numbers are decimal: networkd parses them with safe_atou32.
/// </summary>
public static class NetworkdUnits
{
    /// <param name="dhcp4">The interface's IPv4 comes from DHCP: write <c>Gateway=_dhcp4</c> (networkd follows the
    /// lease) and no PreferredSource (the leased address may change; a missing source address would make the route fail).</param>
    public static void Route(StringBuilder sb, PlannedRoute p, bool dhcp4)
    {
        var r = p.Route;
        var nh = r.FirstNexthop;
        sb.Append("\n# ").Append(p.Reason).Append('\n');
        sb.Append("[Route]\n");
        sb.Append("Destination=").Append(r.Dst.Network().Address).Append('/').Append(r.Dst.Length.ToString(CultureInfo.InvariantCulture)).Append('\n');
        if (nh?.Gateway is { } g)
            sb.Append("Gateway=").Append(dhcp4 && r.Family == Family.Inet ? "_dhcp4" : g.ToString()).Append('\n');
        if (r.Family == Family.Inet && r.Scope == Scope.Link && nh?.Gateway is null)
            sb.Append("Scope=link\n");
        if (r.PrefSrc is { } s && !(dhcp4 && r.Family == Family.Inet))
            sb.Append("PreferredSource=").Append(s).Append('\n');
        if (r.Metric is uint m)
            sb.Append("Metric=").Append(m.ToString(CultureInfo.InvariantCulture)).Append('\n');
        sb.Append("Table=").Append(r.Table.ToString(CultureInfo.InvariantCulture)).Append('\n');
        sb.Append("Protocol=").Append(r.Protocol.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    public static void Rule(StringBuilder sb, PlannedRule p)
    {
        var r = p.Rule;
        sb.Append("\n# ").Append(p.Reason).Append('\n');
        sb.Append("[RoutingPolicyRule]\n");
        if (r.From is { } f && !f.IsDefault)
            sb.Append("From=").Append(f.Address).Append('/').Append(f.Length.ToString(CultureInfo.InvariantCulture)).Append('\n');
        if (r.To is { } t && !t.IsDefault)
            sb.Append("To=").Append(t.Address).Append('/').Append(t.Length.ToString(CultureInfo.InvariantCulture)).Append('\n');
        if (r.FwMark is uint mark)
        {
            sb.Append("FirewallMark=").Append(mark.ToString(CultureInfo.InvariantCulture));
            if (r.FwMask is uint mask && mask != 0xffffffff) sb.Append('/').Append(mask.ToString(CultureInfo.InvariantCulture));
            sb.Append('\n');
        }
        if (r.From is null && r.To is null)
            sb.Append("Family=").Append(r.Family == Family.Inet6 ? "ipv6" : "ipv4").Append('\n');
        uint table = r.Table ?? RouteTableId.Main;
        sb.Append("Table=").Append(table == RouteTableId.Main ? "main" : table.ToString(CultureInfo.InvariantCulture)).Append('\n');
        if (r.SuppressPrefixLength is int spl)
            sb.Append("SuppressPrefixLength=").Append(spl.ToString(CultureInfo.InvariantCulture)).Append('\n');
        sb.Append("Priority=").Append(r.Priority.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    /// <summary>The caveat every networkd-based rendering carries.</summary>
    public static PlanNote ForeignRulesNote { get; } = new(PlanNoteLevel.Info,
        "systemd-networkd removes routing policy rules and routes it did not configure (ManageForeignRoutingPolicyRules=yes and ManageForeignRoutes=yes, the defaults in networkd.conf) " +
        "when it starts or reconfigures a link: symroute's rules and routes are therefore in .network drop-ins, so they are networkd's own and survive; " +
        "rules added only at runtime (symroute apply --runtime-only, ip rule) on a networkd host are dropped at its next restart");
}
