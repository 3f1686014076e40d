using System.Text;
using Symroute.Model;
using Symroute.Planning;

namespace Symroute.Backends;

/// <summary>
/// RHEL network-scripts (initscripts): <c>route-DEV</c>/<c>route6-DEV</c> lines are arguments to
/// <c>ip route add</c>, <c>rule-DEV</c>/<c>rule6-DEV</c> lines to <c>ip rule add</c>; ifup-routes
/// runs them after the interface's addresses are up. These files are per interface and may already
/// hold the administrator's lines: those are kept, and symroute's lines sit in a block between
/// marker comments that a new plan replaces whole.
/// </summary>
public static class NetworkScriptsRenderer
{
    public const string Dir = "etc/sysconfig/network-scripts/";
    public const string BlockStart = "# BEGIN symroute (generated; replaced whole by symroute plan --write)";
    public const string BlockEnd = "# END symroute";

    public static Rendering Render(Plan plan, HostState host, BackendContext context)
    {
        var notes = new List<PlanNote>();
        var files = CommonFiles.For(plan, host, context, notes);
        bool mainFirstDone = false;
        foreach (var u in plan.Uplinks)
        {
            var routes = plan.Routes.Where(r => r.Dev == u.Dev && r.Change != ChangeKind.Remove).ToList();
            var rules = plan.Rules.Where(r => r.Dev == u.Dev && r.Change != ChangeKind.Remove).ToList();
            if (routes.Count == 0 && rules.Count == 0)
                continue;
            if (!mainFirstDone)
            {
                rules.InsertRange(0, plan.Rules.Where(r => r.Purpose == RulePurpose.MainFirst && r.Change != ChangeKind.Remove));
                mainFirstDone = true;
            }
            string dev = context.For(u.Dev) is { Backend: Backend.NetworkScripts, Id: { } id } ? id : u.Dev;
            AddFile(files, context, $"{Dir}route-{dev}", routes.Where(r => r.Route.Family == Family.Inet).Select(r => (r.Reason, IpCommand.RouteArgs(r.Route))), u.Dev);
            AddFile(files, context, $"{Dir}route6-{dev}", routes.Where(r => r.Route.Family == Family.Inet6).Select(r => (r.Reason, IpCommand.RouteArgs(r.Route))), u.Dev);
            AddFile(files, context, $"{Dir}rule-{dev}", rules.Where(r => r.Rule.Family == Family.Inet).Select(r => (r.Reason, IpCommand.RuleArgs(r.Rule))), u.Dev);
            AddFile(files, context, $"{Dir}rule6-{dev}", rules.Where(r => r.Rule.Family == Family.Inet6).Select(r => (r.Reason, IpCommand.RuleArgs(r.Rule))), u.Dev);
        }
        notes.Add(new PlanNote(PlanNoteLevel.Info,
            "where NetworkManager manages these interfaces with its ifcfg-rh plugin, it reads route-/rule- files too; `nmcli connection reload` then `nmcli device reapply DEV` takes them up"));
        var commands = plan.Uplinks.Where(u => files.Any(f => f.Path.EndsWith("-" + u.Dev, StringComparison.Ordinal)))
            .Select(u => "/etc/sysconfig/network-scripts/ifup-routes " + u.Dev).ToList();
        commands.AddRange(NetworkdRenderer.ExtraCommands(plan, files));
        return new Rendering(Backend.NetworkScripts, [.. files], [.. commands], [.. notes]);
    }

    private static void AddFile(List<RenderedFile> files, BackendContext context, string path, IEnumerable<(string Reason, string Line)> lines, string dev)
    {
        var list = lines.ToList();
        if (list.Count == 0)
            return;
        var block = new StringBuilder(BlockStart).Append('\n');
        foreach (var (reason, line) in list)
            block.Append("# ").Append(reason).Append('\n').Append(line).Append('\n');
        block.Append(BlockEnd).Append('\n');
        string? existing = context.FileText(path);
        string text = existing is null ? block.ToString() : ReplaceBlock(existing, block.ToString());
        files.Add(new RenderedFile(path, text, RenderedFile.Mode0644, $"network-scripts {System.IO.Path.GetFileName(path)} for {dev}", Replaces: existing is not null));
    }

    /// <summary>The administrator's lines kept, symroute's previous block (if any) replaced.</summary>
    public static string ReplaceBlock(string existing, string block)
    {
        var lines = existing.Replace("\r\n", "\n").Split('\n').ToList();
        if (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        int s = lines.IndexOf(BlockStart), e = lines.IndexOf(BlockEnd);
        if (s >= 0 && e > s) lines.RemoveRange(s, e - s + 1);
        var sb = new StringBuilder();
        foreach (var l in lines) sb.Append(l).Append('\n');
        return sb.Append(block).ToString();
    }
}
