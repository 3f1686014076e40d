namespace Symroute.Planning;

/// <summary>What the plan does with one item, compared with the host's current state.</summary>
public enum ChangeKind
{
    /// <summary>Already present: nothing to do (re-planning a fixed host gives only these).</summary>
    Keep,
    /// <summary>Missing: to be added.</summary>
    Add,
    /// <summary>Present and to be removed (stale symroute-owned items, or the second default for one-gateway).</summary>
    Remove,
}
