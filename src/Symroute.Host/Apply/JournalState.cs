namespace Symroute.Host.Apply;

/// <summary>Where an apply stands; written to the journal at every transition.</summary>
public enum JournalState
{
    /// <summary>Steps are being applied (a journal left in this state means the apply died half-way: revert undoes it).</summary>
    Applying,
    /// <summary>Applied and verified, for good.</summary>
    Applied,
    /// <summary>Applied with --try: reverted at the deadline unless confirmed.</summary>
    Trial,
    /// <summary>A trial the administrator confirmed.</summary>
    Confirmed,
    /// <summary>A step or the verification failed; everything done was undone and the state verified.</summary>
    RolledBack,
    /// <summary>A revert (timeout, watchdog or <c>symroute revert</c>) is under way.</summary>
    Reverting,
    /// <summary>Reverted and verified.</summary>
    Reverted,
    /// <summary>Undoing failed or the state read back differs from the journal's: see the message.</summary>
    Failed,
}
