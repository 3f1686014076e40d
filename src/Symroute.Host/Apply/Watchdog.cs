using System.Diagnostics;
using System.Globalization;
using Symroute.Host.Native;

namespace Symroute.Host.Apply;

/// <summary>
/// The --try safety net: a detached process (the same symroute, <c>revert --watchdog</c>, in a new
/// session so a lost SSH session's SIGHUP does not reach it; it stays in the network namespace it was
/// started in) that reverts the trial unless the journal is confirmed. While the applying process
/// lives it holds the apply lock and reverts by itself at the deadline; the watchdog acts when that
/// process is gone: killed half-way through the steps (revert at once) or during the wait (revert at
/// the deadline, so a confirm from another session still counts).
/// </summary>
public static class Watchdog
{
    public const string Option = "--watchdog";

    /// <summary>How long after the deadline the watchdog waits for a living but stuck applying process before reverting anyway.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    /// <summary>Starts <c>SELF revert --watchdog --root ROOT</c> with no terminal; returns its pid.</summary>
    public static int Spawn(string[] self, string root)
    {
        var psi = new ProcessStartInfo(self[0])
        {
            UseShellExecute = false,
            // Pipes, closed at once: the watchdog neither holds the caller's terminal nor keeps a
            // reader of the caller's output waiting.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in self.Skip(1)) psi.ArgumentList.Add(a);
        psi.ArgumentList.Add("revert");
        psi.ArgumentList.Add(Option);
        psi.ArgumentList.Add("--root");
        psi.ArgumentList.Add(Path.GetFullPath(root));
        var p = Process.Start(psi) ?? throw new IOException("cannot start the --try watchdog");
        p.StandardInput.Close();
        p.StandardOutput.Close();
        p.StandardError.Close();
        return p.Id;
    }

    /// <summary>The watchdog's loop; returns when the trial ended one way or another.</summary>
    public static void Run(string root)
    {
        LibC.SetSid();
        using var log = new StreamWriter(ApplyPaths.WatchdogLog(root), append: true) { AutoFlush = true };
        var first = JournalFile.Read(root);
        if (first is null)
            return;
        string id = first.Id;
        Log(log, $"watching apply {id} (pid {first.Pid})");
        while (true)
        {
            var j = JournalFile.Read(root);
            if (j is null || j.Id != id)
            {
                Log(log, "journal replaced: done");
                return;
            }
            bool parentAlive = ProcessState.IsAlive(j.Pid);
            bool act = j.State switch
            {
                JournalState.Applying => !parentAlive,
                JournalState.Trial => DateTimeOffset.UtcNow >= j.Deadline && (!parentAlive || DateTimeOffset.UtcNow >= j.Deadline + Grace),
                JournalState.Reverting => !parentAlive,
                _ => false,
            };
            if (j.State is not (JournalState.Applying or JournalState.Trial or JournalState.Reverting))
            {
                Log(log, $"apply {id} is {JournalStateNames.Format(j.State)}: done");
                return;
            }
            if (act)
            {
                using var held = FileLock.TryAcquire(ApplyPaths.Lock(root));
                if (held is not null)
                {
                    var now = JournalFile.Read(root);
                    if (now is null || now.Id != id || now.State is not (JournalState.Applying or JournalState.Trial or JournalState.Reverting))
                        continue;
                    var decided = ApplyTransaction.Transition(root, x => x.Id == id && x.State is JournalState.Applying or JournalState.Trial ? x with { State = JournalState.Reverting } : null);
                    if (decided is null || decided.State != JournalState.Reverting)
                        continue;
                    Log(log, $"apply {id} not confirmed (applying process {(ProcessState.IsAlive(j.Pid) ? "stuck" : "gone")}): reverting");
                    var r = ApplyTransaction.Revert(root, decided, log);
                    Log(log, r.Restored ? "reverted; the touched state equals the journal's" : $"revert incomplete: {r.Journal.Message}");
                    return;
                }
            }
            Thread.Sleep(200);
        }
    }

    private static void Log(TextWriter log, string line) =>
        log.WriteLine($"{DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)} [{Environment.ProcessId}] {line}");
}
