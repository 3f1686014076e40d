namespace Symroute.Host.Apply;

public enum ApplyResultKind
{
    /// <summary>Applied and verified.</summary>
    Applied,
    /// <summary>Applied and verified with --try: waiting for confirmation.</summary>
    Trial,
    /// <summary>A step or the verification failed; undone, and the touched state is exactly as before.</summary>
    RolledBack,
    /// <summary>A step failed and undoing it failed too, or the state differs from the journal's.</summary>
    RollbackFailed,
}
