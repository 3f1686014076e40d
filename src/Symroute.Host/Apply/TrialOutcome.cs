namespace Symroute.Host.Apply;

/// <summary>How a --try wait ended.</summary>
public enum TrialOutcome
{
    Confirmed,
    /// <summary>Not confirmed in time: reverted (by this process).</summary>
    Reverted,
    /// <summary>Not confirmed in time and the revert did not restore the state exactly.</summary>
    RevertFailed,
    /// <summary>Someone else (symroute revert, the watchdog) ended the trial.</summary>
    EndedElsewhere,
}
