namespace Symroute.Checks;

/// <summary>How bad a finding is. The numeric order is the sort order (critical last, so sort descending).</summary>
public enum Severity
{
    /// <summary>Worth knowing; never changes the exit status.</summary>
    Info = 0,
    /// <summary>Something that will bite (exit status 1).</summary>
    Warning = 1,
    /// <summary>Traffic is being dropped or misrouted now (exit status 2).</summary>
    Critical = 2,
}
