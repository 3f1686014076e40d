namespace Symroute.Host.Apply;

/// <summary>The journal's words for <see cref="JournalState"/>.</summary>
public static class JournalStateNames
{
    public static string Format(JournalState s) => s switch
    {
        JournalState.Applying => "applying",
        JournalState.Applied => "applied",
        JournalState.Trial => "trial",
        JournalState.Confirmed => "confirmed",
        JournalState.RolledBack => "rolled-back",
        JournalState.Reverting => "reverting",
        JournalState.Reverted => "reverted",
        _ => "failed",
    };

    public static JournalState Parse(string s) => s switch
    {
        "applying" => JournalState.Applying,
        "applied" => JournalState.Applied,
        "trial" => JournalState.Trial,
        "confirmed" => JournalState.Confirmed,
        "rolled-back" => JournalState.RolledBack,
        "reverting" => JournalState.Reverting,
        "reverted" => JournalState.Reverted,
        "failed" => JournalState.Failed,
        _ => throw new InvalidDataException($"unknown journal state '{s}'"),
    };

    /// <summary>States in which the journal's changes are (or may be, partly) on the host.</summary>
    public static bool IsInEffect(JournalState s) => s is JournalState.Applying or JournalState.Applied
        or JournalState.Trial or JournalState.Confirmed or JournalState.Reverting or JournalState.Failed;
}
