using System.Globalization;
using System.Text;
using Symroute.Model;
using Symroute.Planning;

namespace Symroute.Backends;

/// <summary>
/// netplan: a drop-in YAML of symroute's own, <c>etc/netplan/90-symroute.yaml</c> (mode 0600, as
/// netplan requires), which netplan merges with the administrator's files by device ID; the
/// administrator's files are never edited. netplan's <c>routing-policy</c> has no
/// suppress_prefixlength, no fwmark mask and needs a from or to, and its routes cannot name the
/// DHCP gateway: with the networkd renderer those parts go to a networkd drop-in for the unit
/// netplan generates (<c>10-netplan-ID.network.d/symroute.conf</c>); with NetworkManager as
/// renderer they cannot be expressed, and the plan says so.
/// </summary>
public static class NetplanRenderer
{
    public const string Path = "etc/netplan/90-symroute.yaml";

    public static Rendering Render(Plan plan, HostState host, BackendContext context)
    {
        var notes = new List<PlanNote>();
        var files = CommonFiles.For(plan, host, context, notes);

        InterfaceConfig Cfg(string dev) => context.For(dev) is { Backend: Backend.Netplan } c ? c : new InterfaceConfig(dev, Backend.Netplan, dev);
        bool Networkd(string dev) => Cfg(dev).NetplanRenderer is null or "networkd";
        bool Dhcp(Uplink u) => Cfg(u.Dev).Dhcp4 ?? u.Dhcp4;

        // What YAML can say: rules with a from or to, and routes, except a DHCP interface's default with networkd.
        bool InYaml(PlannedRule r) => r.Rule.From is not null || r.Rule.To is not null;
        bool RouteInYaml(PlannedRoute r)
        {
            var u = plan.Uplinks.FirstOrDefault(x => x.Dev == r.Dev);
            return !(u is not null && Dhcp(u) && Networkd(r.Dev) && r.Route.Dst.IsDefault && r.Route.Family == Family.Inet);
        }

        var sb = new StringBuilder(CommonFiles.Header(plan, "Per-interface routing tables and source rules, merged by netplan with the administrator's files."));
        sb.Append("network:\n  version: 2\n");
        var bySection = plan.Uplinks.GroupBy(u => Cfg(u.Dev).NetplanSection ?? "ethernets");
        bool any = false;
        foreach (var section in bySection)
        {
            var body = new StringBuilder();
            foreach (var u in section)
            {
                var routes = plan.Routes.Where(r => r.Dev == u.Dev && r.Change != ChangeKind.Remove && RouteInYaml(r)).ToList();
                var rules = plan.Rules.Where(r => r.Dev == u.Dev && r.Change != ChangeKind.Remove && InYaml(r)).ToList();
                if (routes.Count == 0 && rules.Count == 0)
                    continue;
                body.Append("    ").Append(Key(Cfg(u.Dev).Id ?? u.Dev)).Append(":\n");
                if (routes.Count > 0)
                {
                    body.Append("      routes:\n");
                    foreach (var p in routes)
                        YamlRoute(body, p);
                }
                if (rules.Count > 0)
                {
                    body.Append("      routing-policy:\n");
                    foreach (var p in rules)
                        YamlRule(body, p);
                }
            }
            if (body.Length == 0)
                continue;
            sb.Append("  ").Append(section.Key).Append(":\n").Append(body);
            any = true;
        }
        if (any)
            files.Add(new RenderedFile(Path, sb.ToString(), RenderedFile.Mode0600, "netplan drop-in (the administrator's YAML is not touched)"));

        // The rest, through networkd where netplan renders with it.
        var rest = NetworkdRenderer.DropIns(plan, context, notes,
            unitFor: dev => ($"10-netplan-{Cfg(dev).Id ?? dev}.network", Cfg(dev).Dhcp4),
            routeFilter: r => !RouteInYaml(r),
            ruleFilter: r => !InYaml(r));
        var keep = new List<RenderedFile>();
        foreach (var f in rest)
        {
            string dev = plan.Uplinks.First(u => f.Path.Contains($"10-netplan-{Cfg(u.Dev).Id ?? u.Dev}.network.d/", StringComparison.Ordinal)).Dev;
            if (Networkd(dev))
            {
                keep.Add(f);
                continue;
            }
            notes.Add(new PlanNote(PlanNoteLevel.Warning,
                $"netplan renders {dev} with NetworkManager, and netplan's YAML cannot express part of the plan (main-first or fwmark rules, or a table route following DHCP): " +
                $"render those with --backend networkmanager for {dev} instead"));
        }
        if (keep.Count > 0)
        {
            files.AddRange(keep);
            notes.Add(new PlanNote(PlanNoteLevel.Info,
                "netplan's routing-policy cannot express suppress_prefixlength, a fwmark mask or a DHCP gateway: those parts are a networkd drop-in for the unit netplan generates"));
            notes.Add(NetworkdUnits.ForeignRulesNote);
        }
        // Not `netplan apply`: it can bounce links; generate, then the renderer reloads its configuration.
        var commands = new List<string> { "netplan generate",
            plan.Uplinks.All(u => Networkd(u.Dev)) ? "networkctl reload" : "nmcli connection reload" };
        commands.AddRange(NetworkdRenderer.ExtraCommands(plan, files));
        return new Rendering(Backend.Netplan, [.. files], [.. commands], [.. notes]);
    }

    private static void YamlRoute(StringBuilder sb, PlannedRoute p)
    {
        var r = p.Route;
        var nh = r.FirstNexthop;
        sb.Append("        # ").Append(p.Reason).Append('\n');
        sb.Append("        - to: ").Append(r.Dst.IsDefault ? (r.Family == Family.Inet ? "0.0.0.0/0" : "\"::/0\"") : Quote(r.Dst.Network().Address + "/" + r.Dst.Length.ToString(CultureInfo.InvariantCulture))).Append('\n');
        if (nh?.Gateway is { } g) sb.Append("          via: ").Append(Quote(g.ToString())).Append('\n');
        if (r.Family == Family.Inet && r.Scope == Scope.Link && nh?.Gateway is null) sb.Append("          scope: link\n");
        if (r.PrefSrc is { } s) sb.Append("          from: ").Append(Quote(s.ToString())).Append('\n');
        if (r.Metric is uint m) sb.Append("          metric: ").Append(m.ToString(CultureInfo.InvariantCulture)).Append('\n');
        sb.Append("          table: ").Append(r.Table.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    private static void YamlRule(StringBuilder sb, PlannedRule p)
    {
        var r = p.Rule;
        sb.Append("        # ").Append(p.Reason).Append('\n');
        sb.Append("        - ");
        bool first = true;
        void Field(string k, string v)
        {
            sb.Append(first ? "" : "          ").Append(k).Append(": ").Append(v).Append('\n');
            first = false;
        }
        if (r.From is { } f) Field("from", Quote(f.Address + "/" + f.Length.ToString(CultureInfo.InvariantCulture)));
        if (r.To is { } t) Field("to", Quote(t.Address + "/" + t.Length.ToString(CultureInfo.InvariantCulture)));
        if (r.FwMark is uint mark) Field("mark", mark.ToString(CultureInfo.InvariantCulture));
        Field("table", (r.Table ?? RouteTableId.Main).ToString(CultureInfo.InvariantCulture));
        Field("priority", r.Priority.ToString(CultureInfo.InvariantCulture));
    }

    // IPv6 addresses contain ':', which YAML reads as a mapping indicator in some positions: quote them.
    private static string Quote(string s) => s.Contains(':') ? "\"" + s + "\"" : s;

    private static string Key(string id) =>
        id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@') ? id : "\"" + id.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
