using Symroute.Model;
using Symroute.Planning;

namespace Symroute.Backends;

/// <summary>Picks the renderer for a backend, and for <c>--backend auto</c> the backends that manage the plan's interfaces.</summary>
public static class Renderers
{
    public static Rendering Render(Backend backend, Plan plan, HostState host, BackendContext context) => backend switch
    {
        Backend.Runtime => RuntimeRenderer.Render(plan, host, context),
        Backend.Netplan => NetplanRenderer.Render(plan, host, context),
        Backend.NetworkManager => NetworkManagerRenderer.Render(plan, host, context),
        Backend.Networkd => NetworkdRenderer.Render(plan, host, context),
        Backend.Ifupdown => IfupdownRenderer.Render(plan, host, context),
        Backend.NetworkScripts => NetworkScriptsRenderer.Render(plan, host, context),
        _ => throw new ArgumentOutOfRangeException(nameof(backend)),
    };

    /// <summary>
    /// The backends managing the plan's interfaces (as detected under the root), in the order of the
    /// first interface each manages; the runtime backend when none was detected (the plan then only
    /// lasts until reboot, and says so).
    /// </summary>
    public static List<Backend> Detect(Plan plan, BackendContext context, List<PlanNote> notes)
    {
        var list = new List<Backend>();
        foreach (var u in plan.Uplinks)
            if (context.For(u.Dev) is { } c && !list.Contains(c.Backend))
                list.Add(c.Backend);
        var unmanaged = plan.Uplinks.Where(u => context.For(u.Dev) is null).Select(u => u.Dev).ToList();
        if (list.Count == 0)
        {
            notes.Add(new PlanNote(PlanNoteLevel.Warning,
                "no network backend manages these interfaces (none detected under the root): the plan is rendered for the running system only and is lost at reboot; choose a backend with --backend to persist it"));
            list.Add(Backend.Runtime);
        }
        else if (unmanaged.Count > 0)
        {
            notes.Add(new PlanNote(PlanNoteLevel.Warning,
                $"no backend was detected for {string.Join(", ", unmanaged)}: their part of the plan is rendered with {BackendNames.Format(list[0])}"));
        }
        return list;
    }

    /// <summary>
    /// Renders for one backend, or (null: <c>--backend auto</c>) for each backend managing the plan's
    /// interfaces. Files every backend shares (table names, sysctls, nftables) come once, with the
    /// first backend.
    /// </summary>
    public static List<Rendering> RenderAll(Backend? backend, Plan plan, HostState host, BackendContext context, List<PlanNote> notes)
    {
        if (backend is Backend b)
            return [Render(b, plan, host, context)];
        var backends = Detect(plan, context, notes);
        if (backends.Count == 1)
            return [Render(backends[0], plan, host, context)];
        var list = new List<Rendering>();
        var common = CommonFiles.For(plan, host, context, []);
        var commonPaths = new HashSet<string>(new[] { CommonFiles.TablesPath, CommonFiles.ProtosPath, CommonFiles.SysctlPath, CommonFiles.LooseRpFilterPath, CommonFiles.NftPath });
        for (int i = 0; i < backends.Count; i++)
        {
            var r = Render(backends[i], For(plan, backends[i], context, i == 0), host, context);
            var files = r.Files.Where(f => !commonPaths.Contains(f.Path)).ToList();
            if (i == 0) files.InsertRange(0, common);
            list.Add(r with { Files = [.. files] });
        }
        return list;
    }

    /// <summary>The plan narrowed to the interfaces one backend manages (the main-first rule stays with the first backend).</summary>
    public static Plan For(Plan plan, Backend backend, BackendContext context, bool first)
    {
        bool Mine(string? dev) => dev is null ? first : (context.For(dev)?.Backend ?? (first ? backend : (Backend?)null)) == backend;
        return plan with
        {
            Uplinks = [.. plan.Uplinks.Where(u => Mine(u.Dev))],
            Tables = [.. plan.Tables.Where(t => Mine(t.Dev))],
            Routes = [.. plan.Routes.Where(r => Mine(r.Dev))],
            Rules = [.. plan.Rules.Where(r => Mine(r.Dev))],
            Connmarks = first ? plan.Connmarks : [],
            Sysctls = first ? plan.Sysctls : [],
        };
    }
}
