using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using Symroute.Backends;
using Symroute.Checks;
using Symroute.Host.Apply;
using Symroute.Host.Persistence;
using Symroute.Model;
using Symroute.Output;
using Symroute.Planning;
using Symroute.Sources;

namespace Symroute.Cli.Commands;

/// <summary><c>symroute apply</c>: the plan made on the running system as one transaction (journal, rollback, verification), optionally on trial.</summary>
public static class ApplyCommand
{
    public const string Help = """
        Usage: symroute apply [--strategy S] [--interface IF]... [--gateway IF=ADDR]... [--reach IF=PREFIX]...
                              [--runtime-only | --persist] [--backend B] [--try SECONDS] [--yes] [--root DIR]

        Computes the plan (as 'symroute plan' does), shows it and asks, then makes it on the running
        system over netlink as one transaction: the state of everything it touches is written to a
        journal first (ROOT/var/lib/symroute/journal.json); if any change fails, the changes made are
        undone in reverse order and the state is verified to be exactly as before. Afterwards the
        state is read back and must be what the plan predicts, with no asymmetric reply or
        reverse-path drop left ('check'); otherwise it is rolled back too. Rules and routes symroute
        does not own are never changed. Applying again changes nothing. The connmark strategy loads
        its nftables table with 'nft -f -' (the only program run; rollback removes only that table).

        Options:
          --strategy S       as for plan: source-rules, main-first, connmark, loose-rp-filter, one-gateway
          --interface IF     only these interfaces (repeat, or IF,IF)
          --gateway IF=ADDR  the gateway of an interface whose gateway the state does not show
          --reach IF=PREFIX  one-gateway: a network IF must still reach once its default is gone
          --runtime-only     change the running system only (lost at reboot); the default when no
                             backend manages the interfaces (none detected under the root) and
                             neither --persist nor a --backend other than runtime is given
          --persist          also write the backend's configuration files under the root, once the
                             running system is verified: atomically, all or nothing, each replaced
                             file backed up (ROOT/var/lib/symroute/backup/ID); never through symbolic
                             links or into files another tool owns; then the backend is told to
                             reload without bouncing links where it can (under a root other than /
                             the commands are only listed). 'symroute revert' restores the files.
          --backend B        as for plan: auto (default), netplan, networkmanager, networkd,
                             ifupdown, network-scripts, runtime
          --try SECONDS      keep the change only if confirmed within SECONDS: Enter at the prompt or
                             'symroute confirm'; otherwise it is reverted, also if this process is
                             killed or the SSH session is lost (a detached watchdog does it)
          --yes, -y          do not ask (needed when stdin is not a terminal)
          --root DIR         where symroute keeps its journal and lock (ROOT/var/lib/symroute); default /

        Exit status: 0 applied and verified (or already in place, or confirmed); 1 not applied by
        choice (declined, or a --try not confirmed and reverted: the state is as before); 2 the plan
        is refused, or applying failed and everything was undone (the state is as before); 3 could not
        start (bad arguments, not root, another apply running, no terminal without --yes); 4 undoing
        failed: the state differs from the journal's (see 'symroute revert').
        """;

    public static int Run(IReadOnlyList<string> args, TextReader stdin, TextWriter stdout, TextWriter stderr, ApplyEnvironment env)
    {
        var shared = new PlanArguments("apply");
        string root = "/";
        bool yes = false, persist = false, runtimeOnly = false;
        int? trySeconds = null;
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            string Value()
            {
                if (i + 1 >= args.Count) throw new InputException($"apply: option {a} needs a value");
                return args[++i];
            }
            switch (a)
            {
                case "-h" or "--help":
                    stdout.WriteLine(Help);
                    return ExitCode.Ok;
                case "--runtime-only": persist = false; runtimeOnly = true; break;
                case "--persist": persist = true; break;
                case "--try":
                    var t = Value();
                    if (!int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out int secs) || secs < 1 || secs > 86400)
                        throw new InputException($"apply: --try {t}: expected a number of seconds (1-86400)");
                    trySeconds = secs;
                    break;
                case "--yes" or "-y": yes = true; break;
                case "--root": root = Value(); break;
                default:
                    if (shared.TryTake(a, Value)) break;
                    throw new InputException($"apply: unknown argument '{a}' (see 'symroute apply --help')");
            }
        }
        if (persist && runtimeOnly)
            throw new InputException("apply: --persist and --runtime-only exclude each other");
        persist |= !runtimeOnly && shared.Backend is not null and not Backend.Runtime;

        ApplyPaths.EnsureDir(root);
        using var held = FileLock.TryAcquire(ApplyPaths.Lock(root));
        if (held is null)
        {
            stderr.WriteLine($"symroute: apply: another symroute apply or revert is running ({ApplyPaths.Lock(root)} is locked); wait for it, or confirm or revert its trial");
            return ExitCode.CouldNotCheck;
        }
        if (JournalFile.Read(root) is { State: JournalState.Applying or JournalState.Reverting or JournalState.Trial or JournalState.Failed } unfinished)
        {
            stderr.WriteLine($"symroute: apply: the last apply ({unfinished.Id}) is {JournalStateNames.Format(unfinished.State)}: run 'symroute {(unfinished.State == JournalState.Trial ? "confirm' or 'symroute revert" : "revert")}' first");
            return ExitCode.CouldNotCheck;
        }

        var host = env.ReadHost();
        foreach (var dev in shared.Devices)
            if (host.FindLink(dev) is null)
                throw new InputException($"apply: {dev}: no such device on the host");
        var plan = Planner.Create(host, shared.Options);
        if (plan.Refusal is not null)
        {
            stderr.WriteLine($"symroute: apply: plan refused: {plan.Refusal}");
            return ExitCode.Critical;
        }
        var proof = PlanVerifier.Verify(host, plan, ProofFindings.Of);
        if (proof is { Proven: false })
        {
            stderr.WriteLine($"symroute: apply: the plan does not fix this host, nothing applied: {proof.Failure}");
            return ExitCode.Critical;
        }

        string? ruleset = plan.Connmarks.Length > 0 ? Nftables.Ruleset(plan) : null;
        string? rulesetBefore = ruleset is null ? null : NftTable.List();
        // Already loaded by an earlier apply: nft lists each uplink's rule with its comment and its mark as 0x%08x.
        if (ruleset is not null && rulesetBefore is not null && plan.Connmarks.All(c =>
            rulesetBefore.Contains($"comment \"symroute: new connections on {c.Dev}\"", StringComparison.Ordinal)
            && rulesetBefore.Contains($"== 0x{c.Mark.ToString("x8", CultureInfo.InvariantCulture)}", StringComparison.Ordinal)))
            ruleset = null;
        var steps = ApplySteps.From(plan, ruleset, rulesetBefore);
        var context = env.ReadBackends(root, host);
        // Persisting is the default once a backend is found managing the plan's interfaces.
        persist |= !runtimeOnly && shared.Backend is null && plan.Uplinks.Any(u => context.For(u.Dev) is not null);
        var renderings = persist ? Renderers.RenderAll(shared.Backend, plan, host, context, []) : [];
        ImmutableArray<RenderedFile> files = [.. renderings.SelectMany(r => r.Files)];
        if (steps.IsEmpty && ApplyTransaction.FilesInPlace(root, files))
        {
            stdout.WriteLine($"symroute: nothing to change: the plan ({StrategyNames.Format(plan.Strategy)}) is already in place");
            return ExitCode.Ok;
        }

        if (!yes)
        {
            if (!env.StdinIsTerminal)
            {
                stderr.WriteLine("symroute: apply: stdin is not a terminal, so symroute cannot ask: review 'symroute plan' and give --yes");
                return ExitCode.CouldNotCheck;
            }
            PlanTextWriter.Write(stdout, plan, host, proof, [], root, false);
            foreach (var f in files)
                stdout.WriteLine($"  will write {f.Path} (mode {f.ModeText}): {f.Purpose}");
            stdout.Write($"\nApply these {steps.Length} change{(steps.Length == 1 ? "" : "s")} to the running system{(files.IsEmpty ? "" : $" and write {files.Length} file(s) under {root}")}{(trySeconds is int ts ? $" for {ts} s unless confirmed" : "")}? [y/N] ");
            stdout.Flush();
            var answer = stdin.ReadLine()?.Trim();
            if (answer is not ("y" or "Y" or "yes" or "YES" or "Yes"))
            {
                stdout.WriteLine("symroute: not applied");
                return ExitCode.Warning;
            }
        }

        stdout.WriteLine($"symroute: applying {steps.Length} change{(steps.Length == 1 ? "" : "s")} ({StrategyNames.Format(plan.Strategy)}):");
        Func<string, int>? spawn = trySeconds is null ? null : r => Watchdog.Spawn(env.SelfCommand(), r);
        var result = ApplyTransaction.Apply(new ApplyRequest(root, host, plan, steps, trySeconds, spawn, files, env.FaultAtStep), stdout);
        if (result.Persisted is { } persisted)
            foreach (var r in renderings)
                Reloaded(stdout, BackendReloader.Reload(r, root, ProcessCommandRunner.Default, persisted, context));
        string journal = ApplyPaths.Journal(root);
        switch (result.Kind)
        {
            case ApplyResultKind.Applied:
                stdout.WriteLine($"symroute: applied and verified (journal {journal}; 'symroute revert' undoes it).{(result.Persisted is null ? " Runtime only: lost at reboot." : "")}");
                return ExitCode.Ok;
            case ApplyResultKind.RolledBack:
                stderr.WriteLine($"symroute: apply failed, every change undone and the state verified as before: {result.Error}");
                return result.PermissionDenied ? ExitCode.CouldNotCheck : ExitCode.Critical;
            case ApplyResultKind.RollbackFailed:
                stderr.WriteLine($"symroute: apply failed and undoing it did not restore the state (journal {journal}): {result.Journal.Message}");
                return ExitCode.RollbackFailed;
        }

        // --try: wait for Enter or 'symroute confirm'.
        stdout.WriteLine($"symroute: applied and verified; reverting in {trySeconds} s unless confirmed: {(env.StdinIsTerminal ? "press Enter, or " : "")}run 'symroute confirm{(root == "/" ? "" : " --root " + root)}'");
        stdout.Flush();
        Func<bool>? enter = null;
        if (env.StdinIsTerminal)
        {
            var pressed = new ManualResetEventSlim();
            var reader = new Thread(() => { if (stdin.ReadLine() is not null) pressed.Set(); }) { IsBackground = true };
            reader.Start();
            enter = () => pressed.IsSet;
        }
        var (outcome, revert) = ApplyTransaction.WaitForConfirmation(root, result.Journal.Id, enter, stdout);
        switch (outcome)
        {
            case TrialOutcome.Confirmed:
                StopWatchdog(root);
                stdout.WriteLine("symroute: confirmed: the change stays (until reboot, or 'symroute revert')");
                return ExitCode.Ok;
            case TrialOutcome.Reverted:
                stdout.WriteLine("symroute: not confirmed in time: reverted, and the state verified as before");
                return ExitCode.Warning;
            case TrialOutcome.RevertFailed:
                stderr.WriteLine($"symroute: not confirmed in time, and reverting did not restore the state: {revert?.Journal.Message}");
                return ExitCode.RollbackFailed;
            default:
                var j = JournalFile.Read(root);
                stdout.WriteLine($"symroute: the trial ended elsewhere: the apply is {(j is null ? "gone" : JournalStateNames.Format(j.State))}");
                return j?.State == JournalState.Confirmed ? ExitCode.Ok : ExitCode.Warning;
        }
    }

    /// <summary>Stops the --try watchdog of the current journal (it would exit by itself on seeing the journal confirmed).</summary>
    internal static void StopWatchdog(string root)
    {
        if (JournalFile.Read(root)?.WatchdogPid is int pid && ProcessState.IsAlive(pid) && ProcessState.Runs(pid, Watchdog.Option))
            ProcessState.Terminate(pid);
    }

    private static void Reloaded(TextWriter stdout, ReloadOutcome outcome)
    {
        foreach (var c in outcome.Commands)
            stdout.WriteLine(c.Ran
                ? $"  ran {c.Text}: {(c.Failed ? $"failed (exit {c.ExitStatus}: {c.Error})" : "ok")}"
                : $"  to take the files up, run: {c.Text} ({c.Why})");
        foreach (var n in outcome.NotReloaded)
            stdout.WriteLine($"  note: {n}");
    }
}
