using System.Collections.Immutable;
using System.Globalization;
using Symroute.Backends;
using Symroute.Checks;
using Symroute.Host.Files;
using Symroute.Host.Persistence;
using Symroute.Host.Netlink.Wire;
using Symroute.Model;
using Symroute.Planning;

namespace Symroute.Host.Apply;

/// <summary>
/// The runtime side of <c>symroute apply</c>, as one transaction: the journal is written first
/// (steps, and the touched state before as exact lines), then the steps are made in order; on any
/// failure the steps made are undone in reverse order and the touched state read back must equal
/// the journal's. After the last step the state is read back and must be what
/// <see cref="PlanApplier"/> predicted, and <c>check</c> on it must not find the asymmetric replies
/// or reverse-path drops the plan clears; otherwise it is rolled back too. The caller holds
/// <see cref="ApplyPaths.Lock"/>.
/// </summary>
public static class ApplyTransaction
{
    /// <summary>Findings the apply must clear; checked on the state read back from the kernel.</summary>
    private static readonly string[] MustClear = ["asymmetric-reply", "rp-filter-drop"];

    public static ApplyResult Apply(ApplyRequest request, TextWriter log)
    {
        string root = request.Root;
        var touched = TouchedState.Of(request.Steps);
        // The value before of every sysctl, from the kernel (the model may not have it).
        var steps = request.Steps.Select(s => s.Kind == ApplyStepKind.SetSysctl ? s with { Before = SysctlFile.Read(s.SysctlKey!) ?? s.Before } : s).ToImmutableArray();
        var now = DateTimeOffset.UtcNow;
        string id = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var files = request.Files.IsDefault ? [] : request.Files;
        var journal = new Journal(
            Id: id,
            State: JournalState.Applying,
            Pid: Environment.ProcessId,
            CreatedAt: now,
            Strategy: StrategyNames.Format(request.Plan.Strategy),
            Steps: steps,
            Before: touched.Describe(request.Before),
            BackupDir: files.IsEmpty ? null : Path.GetFullPath(ApplyPaths.Backups(root, id)));

        ApplyPaths.EnsureDir(root);
        using (FileLock.Wait(ApplyPaths.JournalLock(root)))
        {
            JournalFile.Rotate(root);
            JournalFile.Write(root, journal);
        }
        if (request.TrySeconds is not null && request.SpawnWatchdog is { } spawn)
        {
            // Started before the first change: if this process dies half-way, the watchdog undoes it.
            int pid = spawn(root);
            journal = Transition(root, j => j with { WatchdogPid = pid }) ?? journal;
        }

        int done = 0;
        try
        {
            using var changer = new RuntimeChanger();
            foreach (var step in steps)
            {
                if (request.FaultAtStep == done + 1)
                    throw new IOException($"{step.Description}: fault injected before step {done + 1} (SYMROUTE_FAULT_AT_STEP)");
                log.WriteLine($"  {step.Description}");
                changer.Do(step);
                done++;
            }
        }
        catch (Exception e)
        {
            return RollBack(root, journal, steps, done, touched, e.Message, IsPermission(e), log);
        }

        var readBack = HostReader.Read();
        if (Verify(request.Before, request.Plan, touched, readBack) is { } problem)
            return RollBack(root, journal, steps, done, touched, "verification failed: " + problem, false, log);

        PersistResult? persisted = null;
        if (journal.BackupDir is { } backupDir)
        {
            // After the runtime change is verified; all or nothing, so a refusal leaves every file as it was.
            try
            {
                persisted = ConfigPersister.Persist(root, files, backupDir);
                foreach (var f in persisted.Written)
                    log.WriteLine($"  wrote {f.Path}{(f.Existed ? $" (the original is in {backupDir})" : "")}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return RollBack(root, journal, steps, done, touched, "writing the configuration: " + e.Message, e is UnauthorizedAccessException, log);
            }
        }

        journal = Transition(root, j => request.TrySeconds is int seconds
            ? j with { State = JournalState.Trial, Deadline = DateTimeOffset.UtcNow.AddSeconds(seconds) }
            : j with { State = JournalState.Applied }) ?? journal;
        return new ApplyResult(request.TrySeconds is null ? ApplyResultKind.Applied : ApplyResultKind.Trial, journal, Persisted: persisted);
    }

    /// <summary>
    /// The state read back against the prediction: null when it is right, else what is wrong.
    /// </summary>
    public static string? Verify(HostState before, Plan plan, TouchedState touched, HostState readBack)
    {
        var predicted = PlanApplier.Apply(before, plan);
        var diff = TouchedState.Differences(touched.DescribeLoosely(predicted), touched.DescribeLoosely(readBack));
        if (diff.Length > 0)
            return $"the kernel's state differs from the plan's: {string.Join("; ", diff.Take(3))}";
        var expected = Findings(predicted).Select(f => (f.Code, f.Subject)).ToHashSet();
        var left = Findings(readBack).Where(f => !expected.Contains((f.Code, f.Subject))).ToList();
        if (left.Count > 0)
            return $"check still finds {left[0].Code} for {left[0].Subject.Label} on the state read back";
        return null;
    }

    private static IEnumerable<Finding> Findings(HostState state) =>
        CheckRunner.Default.Run(new CheckContext(state), "apply").Findings.Where(f => MustClear.Contains(f.Code));

    private static ApplyResult RollBack(string root, Journal journal, ImmutableArray<ApplyStep> steps, int done, TouchedState touched, string error, bool permission, TextWriter log)
    {
        if (done > 0)
            log.WriteLine($"  failed: {error}; undoing {done} change{(done == 1 ? "" : "s")}");
        var errors = Undo(steps.Take(done), log);
        var diff = TouchedState.Differences(journal.Before, touched.Describe(HostReader.Read()));
        bool ok = errors.Length == 0 && diff.Length == 0;
        string message = ok ? error : $"{error}; rollback incomplete: {string.Join("; ", errors.Concat(diff).Take(5))}";
        var final = Transition(root, j => j with { State = ok ? JournalState.RolledBack : JournalState.Failed, Message = message }) ?? journal;
        return new ApplyResult(ok ? ApplyResultKind.RolledBack : ApplyResultKind.RollbackFailed, final, error, diff, permission);
    }

    /// <summary>Undoes steps in reverse order, going on past failures; returns the failures.</summary>
    private static ImmutableArray<string> Undo(IEnumerable<ApplyStep> steps, TextWriter log)
    {
        var errors = ImmutableArray.CreateBuilder<string>();
        RuntimeChanger? changer = null;
        try
        {
            changer = new RuntimeChanger();
            foreach (var step in steps.Reverse())
            {
                try
                {
                    log.WriteLine($"  undo: {ApplySteps.UndoDescription(step)}");
                    changer.Undo(step);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    errors.Add(e.Message);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add(e.Message);
        }
        finally
        {
            changer?.Dispose();
        }
        return errors.ToImmutable();
    }

    /// <summary>
    /// Undoes every step of the journal (idempotently, so a journal left half-applied by a killed
    /// process is undone too), restores the backed-up files, and compares the touched state with the
    /// journal's. The caller holds <see cref="ApplyPaths.Lock"/>.
    /// </summary>
    public static RevertResult Revert(string root, Journal journal, TextWriter log)
    {
        var j = Transition(root, x => x.Id == journal.Id ? x with { State = JournalState.Reverting } : null) ?? journal;
        var errors = Undo(j.Steps, log).ToBuilder();
        var files = ImmutableArray<string>.Empty;
        if (j.BackupDir is { } backup)
        {
            try
            {
                files = [.. ConfigPersister.Restore(root, backup)];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.Add($"restoring files from {backup}: {e.Message}");
            }
        }
        var diff = TouchedState.Differences(j.Before, j.Touched.Describe(HostReader.Read()));
        bool ok = errors.Count == 0 && diff.Length == 0;
        var final = Transition(root, x => x.Id == j.Id
            ? x with { State = ok ? JournalState.Reverted : JournalState.Failed, Message = ok ? null : string.Join("; ", errors.Concat(diff).Take(5)) }
            : null) ?? j;
        return new RevertResult(ok, final, errors.ToImmutable(), diff, files);
    }

    /// <summary>
    /// Changes the journal under <see cref="ApplyPaths.JournalLock"/>: reads it, lets
    /// <paramref name="change"/> decide (null: no change), writes it. Returns the journal as it now is
    /// (null when there is none).
    /// </summary>
    public static Journal? Transition(string root, Func<Journal, Journal?> change)
    {
        ApplyPaths.EnsureDir(root);
        using var _ = FileLock.Wait(ApplyPaths.JournalLock(root));
        var current = JournalFile.Read(root);
        if (current is null)
            return null;
        var next = change(current);
        if (next is null || next == current)
            return current;
        JournalFile.Write(root, next);
        return next;
    }

    /// <summary>
    /// --try: waits until the journal is confirmed (<c>symroute confirm</c>, or <paramref name="confirmNow"/>
    /// returning true: Enter at the prompt) or its deadline passes, then reverts. The caller holds
    /// <see cref="ApplyPaths.Lock"/>, so the watchdog leaves the revert to this process while it lives.
    /// </summary>
    public static (TrialOutcome Outcome, RevertResult? Revert) WaitForConfirmation(string root, string id, Func<bool>? confirmNow, TextWriter log)
    {
        while (true)
        {
            if (confirmNow?.Invoke() == true)
            {
                var c = Transition(root, j => j.Id == id && j.State == JournalState.Trial ? j with { State = JournalState.Confirmed } : null);
                if (c is { State: JournalState.Confirmed } && c.Id == id)
                    return (TrialOutcome.Confirmed, null);
            }
            var j = JournalFile.Read(root);
            if (j is null || j.Id != id || j.State is not (JournalState.Trial or JournalState.Confirmed))
                return (TrialOutcome.EndedElsewhere, null);
            if (j.State == JournalState.Confirmed)
                return (TrialOutcome.Confirmed, null);
            if (DateTimeOffset.UtcNow >= j.Deadline)
            {
                // Decided under the journal lock: a confirm that got there first wins.
                var decided = Transition(root, x => x.Id == id && x.State == JournalState.Trial ? x with { State = JournalState.Reverting } : null);
                if (decided is { State: JournalState.Confirmed })
                    return (TrialOutcome.Confirmed, null);
                log.WriteLine("symroute: not confirmed in time: reverting");
                var r = Revert(root, decided ?? j, log);
                return (r.Restored ? TrialOutcome.Reverted : TrialOutcome.RevertFailed, r);
            }
            Thread.Sleep(100);
        }
    }

    /// <summary>
    /// Whether every file is already under the root with these contents and mode, comment lines
    /// aside (a second apply writes nothing): the reasons rendered as comments are worded from the
    /// state, which the first apply changed (a gateway then also shows in symroute's own table).
    /// </summary>
    public static bool FilesInPlace(string root, IEnumerable<RenderedFile> files)
    {
        if (!OperatingSystem.IsLinux())
            return false;
        foreach (var f in files)
        {
            try
            {
                string target = RootFileWriter.Resolve(root, f.Path);
                if (!File.Exists(target) || File.GetUnixFileMode(target) != f.Mode
                    || !WithoutComments(File.ReadAllText(target)).SequenceEqual(WithoutComments(f.Contents)))
                    return false;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        }
        return true;
    }

    private static IEnumerable<string> WithoutComments(string text) =>
        text.Split('\n').Where(l => !l.TrimStart().StartsWith('#'));

    private static bool IsPermission(Exception e) => e switch
    {
        NetlinkException n => n.IsPermissionDenied,
        UnauthorizedAccessException => true,
        _ => false,
    };
}
