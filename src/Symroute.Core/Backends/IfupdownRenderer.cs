using System.Text;
using Symroute.Model;
using Symroute.Planning;

namespace Symroute.Backends;

/// <summary>
/// ifupdown: <c>etc/network/interfaces.d/symroute</c>, one <c>iface DEV inet manual</c> stanza per
/// uplink whose <c>post-up</c> lines add the table routes and rules and whose <c>pre-down</c> lines
/// delete exactly those (same attributes, reverse order). ifupdown runs every stanza of an
/// interface in file order, and Debian's interfaces file sources interfaces.d at its top, before
/// the administrator's stanza has set the address: so the commands must not depend on it. The
/// connected route carries no <c>src</c> (the kernel rejects a prefsrc that is not yet local:
/// fib_create_info) and the gateway route is <c>onlink</c> (fib_check_nh would find no connected
/// route yet). Replies still leave with the right source: the rules match on it.
/// </summary>
public static class IfupdownRenderer
{
    public const string Path = "etc/network/interfaces.d/symroute";

    public static Rendering Render(Plan plan, HostState host, BackendContext context)
    {
        var notes = new List<PlanNote>();
        var files = CommonFiles.For(plan, host, context, notes);
        var sb = new StringBuilder(CommonFiles.Header(plan, "Per-interface routing tables and source rules, added after each interface comes up and removed before it goes down."));
        sb.Append("# ifupdown runs these stanzas in addition to the administrator's stanza for the same interface.\n");
        bool mainFirstDone = false, any = false;
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
            var cfg = context.For(u.Dev);
            sb.Append("\niface ").Append(cfg is { Backend: Backend.Ifupdown, Id: { } id } ? id : u.Dev).Append(" inet manual\n");
            var up = new List<(string Reason, string Add, string Del)>();
            foreach (var r in routes)
                up.Add((r.Reason, IpCommand.Route("add", r.Route, withSrc: false, onlink: true), IpCommand.Route("del", r.Route, withSrc: false, onlink: false)));
            foreach (var r in rules)
                up.Add((r.Reason, IpCommand.Rule("add", r.Rule), IpCommand.Rule("del", r.Rule)));
            foreach (var (reason, add, _) in up)
                sb.Append("    # ").Append(reason).Append("\n    post-up ").Append(add).Append('\n');
            for (int i = up.Count - 1; i >= 0; i--)
                sb.Append("    pre-down ").Append(up[i].Del).Append('\n');
            any = true;
        }
        if (any)
        {
            files.Add(new RenderedFile(Path, sb.ToString(), RenderedFile.Mode0644, "ifupdown stanzas (post-up/pre-down)"));
            if (context.IfupdownSourcesDropIns != true)
                notes.Add(new PlanNote(context.IfupdownSourcesDropIns == false ? PlanNoteLevel.Warning : PlanNoteLevel.Info,
                    "ifupdown reads /etc/network/interfaces.d only where /etc/network/interfaces has `source /etc/network/interfaces.d/*` (Debian's default): " +
                    (context.IfupdownSourcesDropIns == false ? "this host's file has no such line; add it" : "check that it has")));
        }
        var commands = new List<string>();
        commands.AddRange(NetworkdRenderer.ExtraCommands(plan, files));
        notes.Add(new PlanNote(PlanNoteLevel.Info,
            "ifupdown applies the stanzas the next time each interface comes up; to apply now without bouncing it, run the runtime script (symroute plan --backend runtime)"));
        return new Rendering(Backend.Ifupdown, [.. files], [.. commands], [.. notes]);
    }
}
