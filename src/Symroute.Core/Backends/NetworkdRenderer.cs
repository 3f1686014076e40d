using System.Text;
using Symroute.Model;
using Symroute.Planning;

namespace Symroute.Backends;

/// <summary>
/// systemd-networkd: one drop-in per managed interface, <c>etc/systemd/network/UNIT.network.d/symroute.conf</c>,
/// beside the unit that configures it (drop-ins are searched in /etc, /run and /usr/lib for units
/// in any of them). Its table routes (<c>Gateway=_dhcp4</c> where the address comes from DHCP, so
/// the table follows the lease), its rules, and the main-first rule in the first interface's drop-in.
/// </summary>
public static class NetworkdRenderer
{
    public const string DropInName = "symroute.conf";

    public static Rendering Render(Plan plan, HostState host, BackendContext context)
    {
        var notes = new List<PlanNote>();
        var files = CommonFiles.For(plan, host, context, notes);
        files.AddRange(DropIns(plan, context, notes, unitFor: dev =>
        {
            var cfg = context.For(dev);
            if (cfg?.Backend == Backend.Networkd && cfg.Id is not null)
                return (cfg.Id, cfg.Dhcp4);
            notes.Add(new PlanNote(PlanNoteLevel.Warning,
                $"no .network unit for {dev} was found under the root: the drop-in assumes etc/systemd/network/{dev}.network; rename its directory after the unit that configures {dev}"));
            return ($"{dev}.network", null);
        }));
        notes.Add(NetworkdUnits.ForeignRulesNote);
        var devs = plan.Uplinks.Select(u => u.Dev).ToList();
        var commands = new List<string> { "networkctl reload" };
        if (devs.Count > 0) commands.Add("networkctl reconfigure " + string.Join(' ', devs));
        commands.AddRange(ExtraCommands(plan, files));
        return new Rendering(Backend.Networkd, [.. files], [.. commands], [.. notes]);
    }

    /// <summary>The drop-ins for every uplink with something to say, each named after its unit.</summary>
    public static List<RenderedFile> DropIns(Plan plan, BackendContext context, List<PlanNote> notes,
        Func<string, (string Unit, bool? Dhcp4)> unitFor, Func<PlannedRoute, bool>? routeFilter = null, Func<PlannedRule, bool>? ruleFilter = null)
    {
        var files = new List<RenderedFile>();
        bool mainFirstWritten = false;
        foreach (var u in plan.Uplinks)
        {
            var routes = plan.Routes.Where(r => r.Dev == u.Dev && r.Change != ChangeKind.Remove && (routeFilter?.Invoke(r) ?? true)).ToList();
            var rules = plan.Rules.Where(r => r.Dev == u.Dev && r.Change != ChangeKind.Remove && (ruleFilter?.Invoke(r) ?? true)).ToList();
            if (!mainFirstWritten)
            {
                var mf = plan.Rules.Where(r => r.Purpose == RulePurpose.MainFirst && r.Change != ChangeKind.Remove && (ruleFilter?.Invoke(r) ?? true)).ToList();
                if (mf.Count > 0)
                {
                    rules.InsertRange(0, mf);
                    mainFirstWritten = true;
                }
            }
            if (routes.Count == 0 && rules.Count == 0)
                continue;
            var (unit, dhcp) = unitFor(u.Dev);
            bool dhcp4 = dhcp ?? u.Dhcp4;
            var sb = new StringBuilder(CommonFiles.Header(plan, $"Routing for replies from {u.Dev}: table {u.Table} ({Ownership.TableName(u.Dev)}) and its rules."));
            foreach (var r in routes)
                NetworkdUnits.Route(sb, r, dhcp4);
            foreach (var r in rules)
                NetworkdUnits.Rule(sb, r);
            files.Add(new RenderedFile($"etc/systemd/network/{unit}.d/{DropInName}", sb.ToString(), RenderedFile.Mode0644,
                $"networkd drop-in for {u.Dev} ({unit})"));
            if (dhcp4 && routes.Any(r => r.Route.Dst.IsDefault && r.Route.Family == Family.Inet))
                notes.Add(new PlanNote(PlanNoteLevel.Info,
                    $"{u.Dev}: the table's default route uses Gateway=_dhcp4, so networkd follows the DHCP lease's gateway; the connected route and the rule name the current subnet"));
        }
        return files;
    }

    /// <summary>sysctl --system when sysctls were written, nft -f when connmark is.</summary>
    public static IEnumerable<string> ExtraCommands(Plan plan, List<RenderedFile> files)
    {
        if (files.Any(f => f.Path.StartsWith("etc/sysctl.d/", StringComparison.Ordinal)))
            yield return "sysctl --system";
        if (files.Any(f => f.Path == CommonFiles.NftPath))
            yield return "nft -f /" + CommonFiles.NftPath;
    }
}
