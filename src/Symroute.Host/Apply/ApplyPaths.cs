namespace Symroute.Host.Apply;

/// <summary>Where apply keeps its state under the root directory (<c>--root</c>, default <c>/</c>).</summary>
public static class ApplyPaths
{
    /// <summary>Relative to the root.</summary>
    public const string StateDir = "var/lib/symroute";

    public static string Dir(string root) => HostPaths.Under(root, "/" + StateDir);

    /// <summary>The journal of the last apply.</summary>
    public static string Journal(string root) => Path.Combine(Dir(root), "journal.json");

    /// <summary>The journal of the apply before it (kept for people; revert uses the last one).</summary>
    public static string PreviousJournal(string root) => Path.Combine(Dir(root), "journal.previous.json");

    /// <summary>Held for a whole apply or revert: one at a time.</summary>
    public static string Lock(string root) => Path.Combine(Dir(root), "lock");

    /// <summary>Held briefly around every change of the journal's state (confirm against the timeout's revert).</summary>
    public static string JournalLock(string root) => Path.Combine(Dir(root), "journal.lock");

    /// <summary>What the --try watchdog did, for people (it has no terminal).</summary>
    public static string WatchdogLog(string root) => Path.Combine(Dir(root), "watchdog.log");

    /// <summary>Backups of the configuration files an apply replaced.</summary>
    public static string Backups(string root, string id) => Path.Combine(Dir(root), "backup", id);

    public static void EnsureDir(string root)
    {
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException();
        Directory.CreateDirectory(Dir(root), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
