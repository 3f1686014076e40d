using System.Collections.Immutable;
using Symroute.Backends;

namespace Symroute.Host.Persistence;

/// <summary>
/// Tells a backend to take up the files symroute persisted, without bouncing links where it can:
/// <list type="bullet">
/// <item>NetworkManager: <c>nmcli connection reload</c> (re-reads the changed keyfiles), then
/// <c>nmcli device reapply DEV</c> for each changed profile's interface (applies the profile's new
/// routes and routing rules to the active device without deactivating it).</item>
/// <item>systemd-networkd: <c>networkctl reload</c>; networkd reloads its .network files with their
/// drop-ins and reconfigures every link whose configuration changed (manager_reload →
/// link_reconfigure(force=false)). <c>networkctl reconfigure DEV</c> is not run: it forces a
/// full reconfiguration of the link, which the reload already does where something changed.</item>
/// <item>netplan: <c>netplan generate</c>, then what the renderer needs (networkctl reload, or
/// nmcli reload and reapply). Never <c>netplan apply</c>: it may restart networkd or re-activate
/// connections, bouncing links.</item>
/// <item>ifupdown and RHEL network-scripts read their files only when an interface is brought up:
/// nothing can be reloaded without ifdown/ifup, which symroute does not do; the runtime state
/// that <c>apply</c> installed stays in effect until the next boot or ifup, and the outcome says so.</item>
/// <item>sysctl drop-ins: <c>sysctl -p FILE</c> for symroute's files only (<c>sysctl --system</c> would
/// re-apply every drop-in and undo the administrator's runtime settings); nftables: <c>nft -f FILE</c>
/// (idempotent: the file deletes and recreates its table).</item>
/// </list>
/// Under a root other than <c>/</c> nothing is run: the outcome lists what would be.
/// </summary>
public static class BackendReloader
{
    public const string NmConnectionsDir = "etc/NetworkManager/system-connections/";
    public const string NetworkdDir = "etc/systemd/network/";

    /// <param name="persisted">What <see cref="ConfigPersister.Persist"/> wrote: only backends whose files changed are reloaded (null: all files of the rendering count as changed).</param>
    /// <param name="context">The backends found under the root; for netplan it says which renderer each interface uses (null: networkd, netplan's default).</param>
    public static ReloadOutcome Reload(Rendering rendering, string root, ICommandRunner runner, PersistResult? persisted = null, BackendContext? context = null)
    {
        var changed = persisted is null
            ? rendering.Files.Select(f => f.Path).ToHashSet()
            : persisted.Files.Where(f => f.Changed).Select(f => f.Path).ToHashSet();
        var files = rendering.Files.Where(f => changed.Contains(f.Path)).ToList();
        var steps = new List<ReloadCommand>();
        var notes = new List<string>();

        switch (rendering.Backend)
        {
            case Backend.NetworkManager:
                NetworkManager(rendering, files, steps, notes);
                break;
            case Backend.Networkd:
                if (files.Any(f => f.Path.StartsWith(NetworkdDir, StringComparison.Ordinal)))
                    steps.Add(Step("reloads .network files and their drop-ins; networkd reconfigures the links whose configuration changed, without taking them down",
                        "networkctl", "reload"));
                break;
            case Backend.Netplan:
                Netplan(files, context, steps, notes);
                break;
            case Backend.Ifupdown:
                if (files.Any(f => f.Path == IfupdownRenderer.Path))
                    notes.Add($"ifupdown reads /{IfupdownRenderer.Path} only when an interface is brought up (ifup): it cannot be reloaded without ifdown/ifup, which would bounce the links, so symroute runs nothing; " +
                        "the rules and routes applied at runtime stay in effect, and the file takes over at the next boot or ifup");
                break;
            case Backend.NetworkScripts:
                var scripts = files.Where(f => f.Path.StartsWith(NetworkScriptsRenderer.Dir, StringComparison.Ordinal)).Select(f => "/" + f.Path).ToList();
                if (scripts.Count > 0)
                    notes.Add($"network-scripts read {string.Join(", ", scripts)} only when an interface is brought up (ifup): they cannot be reloaded without ifdown/ifup, which would bounce the links, so symroute runs nothing; " +
                        "the rules and routes applied at runtime stay in effect, and the files take over at the next boot or ifup " +
                        "(where NetworkManager manages these interfaces through ifcfg-rh, `nmcli connection reload` and `nmcli device reapply IF` take them up now)");
                break;
            case Backend.Runtime:
                break;
        }

        foreach (var f in files.Where(f => f.Path.StartsWith("etc/sysctl.d/", StringComparison.Ordinal)))
            steps.Add(Step($"sets the kernel parameters of /{f.Path} now (only this file: sysctl --system would re-apply every drop-in)", "sysctl", "-p", "/" + f.Path));
        if (files.Any(f => f.Path == CommonFiles.NftPath))
            steps.Add(Step("loads symroute's nftables table (replacing its previous version in one transaction)", "nft", "-f", "/" + CommonFiles.NftPath));

        bool dryRun = Path.GetFullPath(root).TrimEnd('/').Length != 0;
        if (steps.Count == 0)
            return new ReloadOutcome([], [.. notes], dryRun);
        if (dryRun)
        {
            notes.Add($"the root is {root}, not /: nothing was run; on the host itself symroute would run: {string.Join("; ", steps.Select(s => s.Text))}");
            return new ReloadOutcome([.. steps], [.. notes], true);
        }

        var done = new List<ReloadCommand>();
        for (int i = 0; i < steps.Count; i++)
        {
            var r = runner.Run(steps[i].Argv);
            string? error = r.ExitStatus == 0 ? null : FirstLine(r.Error) ?? FirstLine(r.Output) ?? $"exit status {r.ExitStatus}";
            done.Add(steps[i] with { Ran = true, ExitStatus = r.ExitStatus, Error = error });
            if (r.ExitStatus != 0)
            {
                done.AddRange(steps.Skip(i + 1));
                notes.Add($"`{steps[i].Text}` failed ({error}): the files are in place but not taken up yet; the state applied at runtime stays in effect" +
                    (i + 1 < steps.Count ? $"; not run: {string.Join("; ", steps.Skip(i + 1).Select(s => s.Text))}" : ""));
                break;
            }
        }
        return new ReloadOutcome([.. done], [.. notes], false);
    }

    private static void NetworkManager(Rendering rendering, List<RenderedFile> files, List<ReloadCommand> steps, List<string> notes)
    {
        var keyfiles = files.Where(f => f.Path.StartsWith(NmConnectionsDir, StringComparison.Ordinal)).ToList();
        if (keyfiles.Count > 0)
        {
            steps.Add(Step("re-reads the changed connection profiles from disk (does not touch active connections)", "nmcli", "connection", "reload"));
            foreach (var k in keyfiles)
            {
                string? dev = new Keyfile(k.Contents).Get("connection", "interface-name");
                if (dev is null)
                    notes.Add($"the profile /{k.Path} names no interface (interface-name): reapply it on the device it is active on (nmcli device reapply DEV), or it takes effect at its next activation");
                else
                    steps.Add(Step($"applies the profile's new routes and routing rules to {dev} without deactivating it", "nmcli", "device", "reapply", dev));
            }
        }
        // Profiles symroute found no keyfile for were only rendered as nmcli commands: nothing of them was persisted.
        var modify = rendering.Commands.Where(c => c.StartsWith("nmcli connection modify ", StringComparison.Ordinal)).ToList();
        if (modify.Count > keyfiles.Count && rendering.Files.All(f => !f.Path.StartsWith(NmConnectionsDir, StringComparison.Ordinal)))
            notes.Add("no NetworkManager keyfile of these profiles was found under the root, so nothing of them was written: persist them with " +
                string.Join("; ", modify) + " (then nmcli device reapply DEV)");
    }

    private static void Netplan(List<RenderedFile> files, BackendContext? context, List<ReloadCommand> steps, List<string> notes)
    {
        bool yaml = files.Any(f => f.Path.StartsWith("etc/netplan/", StringComparison.Ordinal));
        bool dropIns = files.Any(f => f.Path.StartsWith(NetworkdDir, StringComparison.Ordinal));
        if (!yaml && !dropIns)
            return;
        var netplan = context?.Interfaces.Where(i => i.Backend == Backend.Netplan).ToList() ?? [];
        var nm = netplan.Where(i => i.NetplanRenderer == "NetworkManager").Select(i => i.Dev).ToList();
        bool networkd = netplan.Count == 0 || netplan.Any(i => i.NetplanRenderer is null or "networkd");
        if (context is null)
            notes.Add("which renderer netplan uses was not read from the root: networkd (netplan's default) is assumed");
        if (yaml)
            steps.Add(Step("renders the netplan YAML into networkd units or NetworkManager profiles under /run (netplan apply is not used: it can restart networkd or re-activate connections)",
                "netplan", "generate"));
        if (networkd)
            steps.Add(Step("reloads the .network files netplan generated and symroute's drop-ins; networkd reconfigures the links whose configuration changed, without taking them down",
                "networkctl", "reload"));
        if (nm.Count > 0 && yaml)
        {
            steps.Add(Step("re-reads the profiles netplan generated", "nmcli", "connection", "reload"));
            foreach (var dev in nm)
                steps.Add(Step($"applies the new routes and routing rules to {dev} without deactivating it", "nmcli", "device", "reapply", dev));
        }
    }

    private static ReloadCommand Step(string why, params string[] argv) => new([.. argv], why);

    private static string? FirstLine(string s) =>
        s.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
}
