namespace Symroute.Cli;

/// <summary>Process exit statuses, as documented in README.md and design.md.</summary>
public static class ExitCode
{
    public const int Ok = 0;
    /// <summary>check: warnings. route get: bad arguments / unknown device (as ip's exit 1).</summary>
    public const int Warning = 1;
    /// <summary>check: critical findings. route get: the kernel-equivalent lookup failed (as ip's exit 2).</summary>
    public const int Critical = 2;
    /// <summary>Could not do the job: unreadable input, no permission, usage error.</summary>
    public const int CouldNotCheck = 3;

    /// <summary>apply / revert: undoing failed, the touched state differs from the journal's.</summary>
    public const int RollbackFailed = 4;
}
