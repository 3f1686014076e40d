using System.Globalization;
using System.Text;
using Symroute.Model;
using Symroute.Planning;

namespace Symroute.Backends;

/// <summary>
/// NetworkManager: the connection profile of each uplink gets its table routes (<c>table=</c>
/// per route) and its rules (<c>ipv4.routing-rules</c> / <c>ipv6.routing-rules</c>, always with an
/// explicit priority), as <c>nmcli connection modify</c> commands and, where the keyfile was read
/// under the root, as the rewritten keyfile (mode 0600, everything else in it unchanged). The
/// profile's own routes stay where they are: <c>ipv4.route-table</c> is never set, so a DHCP
/// default route stays in main. The main-first rule goes with the first uplink's profile.
/// Values are written in the form <c>nmcli --offline</c> normalises them to.
/// </summary>
public static class NetworkManagerRenderer
{
    public static Rendering Render(Plan plan, HostState host, BackendContext context)
    {
        var notes = new List<PlanNote>();
        var files = CommonFiles.For(plan, host, context, notes);
        var commands = new List<string>();
        bool mainFirstDone = false;
        foreach (var u in plan.Uplinks)
        {
            var cfg = context.For(u.Dev) is { Backend: Backend.NetworkManager } c ? c : null;
            var routes = plan.Routes.Where(r => r.Dev == u.Dev).ToList();
            var rules = plan.Rules.Where(r => r.Dev == u.Dev).ToList();
            if (!mainFirstDone && routes.Concat<object>(rules).Any())
            {
                rules.InsertRange(0, plan.Rules.Where(r => r.Purpose == RulePurpose.MainFirst));
                mainFirstDone = true;
            }
            var adds = new List<(string Setting, string Value)>();
            var dels = new List<(string Setting, string Value)>();
            bool dhcp = cfg?.Dhcp4 ?? u.Dhcp4;
            foreach (var r in routes.Where(r => r.Change != ChangeKind.Keep))
            {
                // A leased address may change: a route naming it as source would then fail to install.
                var route = dhcp && r.Route.Family == Model.Family.Inet ? r.Route with { PrefSrc = null } : r.Route;
                (r.Change == ChangeKind.Add ? adds : dels).Add((Family(r.Route.Family) + ".routes", RouteText(route)));
            }
            foreach (var r in rules.Where(r => r.Change != ChangeKind.Keep))
                (r.Change == ChangeKind.Add ? adds : dels).Add((Family(r.Rule.Family) + ".routing-rules", RuleText(r.Rule)));
            if (adds.Count == 0 && dels.Count == 0)
                continue;

            string id = cfg?.Id ?? u.Dev;
            if (cfg?.Id is null)
                notes.Add(new PlanNote(PlanNoteLevel.Warning,
                    $"no NetworkManager profile for {u.Dev} was found under the root: the commands name the connection \"{u.Dev}\"; use the profile's name (nmcli -g NAME,DEVICE connection show)"));
            var cmd = new StringBuilder("nmcli connection modify ").Append(ShellQuote(id));
            foreach (var (k, v) in dels) cmd.Append(" -").Append(k).Append(' ').Append(ShellQuote(v));
            foreach (var (k, v) in adds) cmd.Append(" +").Append(k).Append(' ').Append(ShellQuote(v));
            commands.Add(cmd.ToString());
            commands.Add("nmcli device reapply " + ShellQuote(u.Dev));

            if (cfg?.Contents is { } text && cfg.Path is { } path)
                files.Add(new RenderedFile(path, EditKeyfile(text, adds, dels), RenderedFile.Mode0600,
                    $"NetworkManager profile {id} with symroute's routes and rules added", Replaces: true));
            if (u.Dhcp4)
                notes.Add(new PlanNote(PlanNoteLevel.Warning,
                    $"{u.Dev} uses DHCP: NetworkManager cannot put the lease's gateway into a table of its own without moving the DHCP default route out of main (ipv4.route-table), which symroute does not do; " +
                    $"the table's default names the current gateway {u.Gateway4}: re-run symroute plan when the lease changes gateway, or add a dispatcher script"));
        }
        commands.AddRange(NetworkdRenderer.ExtraCommands(plan, files));
        return new Rendering(Backend.NetworkManager, [.. files], [.. commands], [.. notes]);
    }

    /// <summary>The keyfile with the changes: removed entries (and their _options) dropped, new ones numbered after the last.</summary>
    public static string EditKeyfile(string text, List<(string Setting, string Value)> adds, List<(string Setting, string Value)> dels)
    {
        var kf = new Keyfile(text);
        foreach (var (setting, value) in dels)
        {
            var (section, prefix) = KeyOf(setting);
            foreach (var (n, v) in kf.Numbered(section, prefix))
            {
                string full = prefix == "route" && kf.Get(section, $"route{n}_options") is { } o ? v + " " + o : v;
                if (Normalize(full) == Normalize(KeyfileValue(setting, value).Joined))
                {
                    kf.Remove(section, prefix + n.ToString(CultureInfo.InvariantCulture));
                    kf.Remove(section, prefix + n.ToString(CultureInfo.InvariantCulture) + "_options");
                    break;
                }
            }
        }
        foreach (var (setting, value) in adds)
        {
            var (section, prefix) = KeyOf(setting);
            var existing = kf.Numbered(section, prefix);
            int n = existing.Count == 0 ? 1 : existing.Keys.Max() + 1;
            var (main, options, _) = KeyfileValue(setting, value);
            kf.Add(section, prefix + n.ToString(CultureInfo.InvariantCulture), main);
            if (options is not null) kf.Add(section, prefix + n.ToString(CultureInfo.InvariantCulture) + "_options", options);
        }
        return kf.ToString();
    }

    private static (string Section, string Prefix) KeyOf(string setting)
    {
        int dot = setting.IndexOf('.');
        return (setting[..dot], setting[(dot + 1)..] == "routes" ? "route" : "routing-rule");
    }

    // nmcli's "DEST GW METRIC a=b,c=d" becomes route=DEST,GW,METRIC and route_options=a=b,c=d.
    private static (string Main, string? Options, string Joined) KeyfileValue(string setting, string value)
    {
        if (!setting.EndsWith(".routes", StringComparison.Ordinal))
            return (value, null, value);
        var parts = value.Split(' ');
        var head = parts.TakeWhile(p => !p.Contains('=')).ToList();
        var opts = parts.SkipWhile(p => !p.Contains('=')).OrderBy(p => p, StringComparer.Ordinal).ToList();
        bool v6 = head[0].Contains(':');
        string main = head.Count switch
        {
            1 => head[0],
            2 => $"{head[0]},{(v6 ? "::" : "0.0.0.0")},{head[1]}",
            _ => string.Join(',', head),
        };
        string? options = opts.Count > 0 ? string.Join(',', opts) : null;
        return (main, options, main + (options is null ? "" : " " + options));
    }

    private static string Normalize(string s) => s.Replace(" ", ",", StringComparison.Ordinal);

    /// <summary><c>DEST [GW] METRIC [src=S] table=T</c> (nmcli's ipv4.routes syntax).</summary>
    public static string RouteText(Route r)
    {
        var sb = new StringBuilder();
        sb.Append(r.Dst.Network().Address).Append('/').Append(r.Dst.Length.ToString(CultureInfo.InvariantCulture));
        if (r.FirstNexthop?.Gateway is { } g) sb.Append(' ').Append(g);
        sb.Append(' ').Append(StateMatch.EffectiveMetric(r).ToString(CultureInfo.InvariantCulture));
        if (r.PrefSrc is { } s) sb.Append(" src=").Append(s);
        sb.Append(" table=").Append(r.Table.ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    /// <summary><c>priority P from X [fwmark M/MASK] [suppress_prefixlength N] table T</c>, as nmcli normalises it.</summary>
    public static string RuleText(Rule r)
    {
        var sb = new StringBuilder();
        sb.Append("priority ").Append(r.Priority.ToString(CultureInfo.InvariantCulture));
        sb.Append(" from ").Append(r.From is { } f && !f.IsDefault ? f.ToString() : r.Family == Model.Family.Inet6 ? "::/0" : "0.0.0.0/0");
        if (r.To is { } t && !t.IsDefault) sb.Append(" to ").Append(t);
        if (r.FwMark is uint mark)
        {
            sb.Append(" fwmark ").Append(IpCommand.Hex(mark));
            if (r.FwMask is uint mask && mask != 0xffffffff) sb.Append('/').Append(IpCommand.Hex(mask));
        }
        if (r.SuppressPrefixLength is int spl) sb.Append(" suppress_prefixlength ").Append(spl.ToString(CultureInfo.InvariantCulture));
        sb.Append(" table ").Append((r.Table ?? RouteTableId.Main).ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    private static string Family(Family f) => f == Model.Family.Inet6 ? "ipv6" : "ipv4";

    public static string ShellQuote(string s) =>
        s.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ':' or '=' or '@' or ',') ? s : "'" + s.Replace("'", "'\\''") + "'";
}
