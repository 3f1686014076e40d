using System.Collections.Immutable;
using System.Net;
using Symroute.Backends;
using Symroute.Checks;
using Symroute.Host.Persistence;
using Symroute.Model;
using Symroute.Output;
using Symroute.Planning;
using Symroute.Sources;

namespace Symroute.Cli.Commands;

/// <summary><c>symroute plan</c>: compute the fix, prove it by simulation, render it for a backend, print it (and write it with --write).</summary>
public static class PlanCommand
{
    public const string Help = """
        Usage: symroute plan [--strategy S] [--backend B] [--interface IF]... [--snapshot FILE]
                             [--root DIR] [--write] [--json] [--gateway IF=ADDR]... [--reach IF=PREFIX]...

        Computes the fix for this host, shows it as a diff against the current state (+ added,
        - removed, = already in place, each with its reason), proves by simulation that the
        asymmetry is gone, and renders it for the host's network backend.

        Options:
          --strategy S      source-rules, main-first, connmark, loose-rp-filter (a labelled
                            stop-gap) or one-gateway; default: chosen from the host, and said
          --backend B       auto (default: what manages each interface, found under --root),
                            runtime, netplan, networkmanager, networkd, ifupdown, network-scripts
          --interface IF    plan only for these interfaces (repeat, or IF,IF)
          --snapshot FILE   plan for a snapshot (symroute snapshot; - for stdin) instead of this host
          --root DIR        where the network configuration lives and files are written; default /
          --write           write the rendered files under the root: atomically, all or none,
                            never through symbolic links nor over files symroute did not write
                            (except profiles it extends), backing up what they replace in
                            ROOT/var/lib/symroute/backup/plan-TIME; without it plan only prints
          --json            the plan as one JSON document
          --gateway IF=ADDR the gateway of an interface whose gateway the state does not show
          --reach IF=PREFIX one-gateway: a network IF must still reach once its default is gone

        Exit status: 0 the plan is printed (or written), 2 symroute refuses to plan this host or
        the plan does not clear its findings in simulation, 3 bad input, or --write refused or
        failed (one line says why; nothing was written).
        """;

    public static int Run(IReadOnlyList<string> args, TextReader stdin, TextWriter stdout, TextWriter stderr, PlanEnvironment env)
    {
        var shared = new PlanArguments("plan");
        string? snapshot = null, root = null;
        bool write = false, json = false;
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            string Value()
            {
                if (i + 1 >= args.Count) throw new InputException($"plan: option {a} needs a value");
                return args[++i];
            }
            switch (a)
            {
                case "-h" or "--help":
                    stdout.WriteLine(Help);
                    return ExitCode.Ok;
                case "--snapshot": snapshot = Value(); break;
                case "--root": root = Value(); break;
                case "--write": write = true; break;
                case "--json": json = true; break;
                default:
                    if (shared.TryTake(a, Value)) break;
                    throw new InputException($"plan: unknown argument '{a}' (see 'symroute plan --help')");
            }
        }

        var host = env.LoadState(snapshot, stdin);
        // The live host planned against --root DIR: its table names are configuration like the
        // rest, and `plan --write` puts symroute's own in DIR/etc/iproute2/rt_tables.d, so they
        // are read there; re-planning after --write and the runtime script is then empty.
        if (snapshot is null && root is not null && env.ReadTableNames is { } readNames)
            host = host with { TableNames = readNames(root) };
        // As check does: the firewall shows which connection marks are already in place.
        if (snapshot is null && host.Firewall is null && env.ReadFirewall is { } readFirewall)
            host = host with { Firewall = readFirewall().Firewall };
        foreach (var dev in shared.Devices)
            if (host.FindLink(dev) is null)
                throw new InputException($"plan: {dev}: no such device on the host");

        string effectiveRoot = root ?? "/";
        // A snapshot describes another host: its configuration is only read where a root is given.
        var context = snapshot is not null && root is null ? BackendContext.Empty : env.ReadBackends(effectiveRoot, host);
        var options = shared.Options;
        var plan = Planner.Create(host, options);
        if (plan.Refusal is not null)
        {
            if (json) WriteJson(stdout, plan, host, null, [], effectiveRoot, false);
            stderr.WriteLine($"symroute: plan refused: {plan.Refusal}");
            return ExitCode.Critical;
        }

        var proof = PlanVerifier.Verify(host, plan, ProofFindings.Of);
        var notes = new List<PlanNote>();
        var renderings = Renderers.RenderAll(shared.Backend, plan, host, context, notes);
        if (notes.Count > 0)
            plan = plan with { Notes = [.. plan.Notes, .. notes] };

        if (proof is { Proven: false })
        {
            stderr.WriteLine($"symroute: the plan does not fix this host: {proof.Failure}");
            PlanTextWriter.Write(stderr, plan, host, proof, [], effectiveRoot, false);
            return ExitCode.Critical;
        }

        bool written = false;
        PersistResult? persisted = null;
        string? backupDir = null;
        if (write)
        {
            // Like apply's backups (var/lib/symroute/backup/ID), one directory per write; refusals
            // (symbolic links, files symroute did not write, read-only files) leave everything as it was.
            backupDir = Path.Combine(effectiveRoot, BackupsDir, "plan-" + DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'.'fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            persisted = env.Persist(effectiveRoot, [.. renderings.SelectMany(r => r.Files)], backupDir);
            written = true;
        }
        if (json)
            WriteJson(stdout, plan, host, proof, renderings, effectiveRoot, written);
        else
        {
            PlanTextWriter.Write(stdout, plan, host, proof, renderings, effectiveRoot, written);
            if (persisted is not null)
                WritePersisted(stdout, persisted, backupDir!);
        }
        return ExitCode.Ok;
    }

    /// <summary>Where plan --write keeps the originals it replaced, relative to the root.</summary>
    public const string BackupsDir = "var/lib/symroute/backup";

    private static void WritePersisted(TextWriter stdout, PersistResult persisted, string backupDir)
    {
        var unchanged = persisted.Files.Where(f => !f.Changed).Select(f => f.Path).ToList();
        var replaced = persisted.Files.Where(f => f.Changed && f.Existed).ToList();
        stdout.WriteLine();
        if (!persisted.Changed)
            stdout.WriteLine("Every file was already in place: nothing was written.");
        else if (unchanged.Count > 0)
            stdout.WriteLine($"Already in place, not rewritten: {string.Join(", ", unchanged)}.");
        if (replaced.Count > 0)
            stdout.WriteLine($"The {replaced.Count} file(s) replaced are backed up, byte for byte with their modes, in {backupDir} (manifest.json lists them).");
    }

    private static void WriteJson(TextWriter stdout, Plan plan, HostState host, PlanProof? proof, IReadOnlyList<Rendering> renderings, string root, bool written)
    {
        using var ms = new MemoryStream();
        PlanJsonWriter.Write(ms, plan, host, proof, renderings, root, written);
        stdout.Write(System.Text.Encoding.UTF8.GetString(ms.ToArray()));
    }
}
