namespace Symroute.Planning;

/// <summary>One kind of runtime change <c>symroute apply</c> makes, in the order it makes them.</summary>
public enum ApplyStepKind
{
    /// <summary>Removes a stale symroute rule (first, so no rule points at a table being emptied).</summary>
    DeleteRule,
    DeleteRoute,
    /// <summary>Adds a route (before the rules, so a table is complete before a rule points at it).</summary>
    AddRoute,
    AddRule,
    SetSysctl,
    /// <summary>Loads symroute's nftables table (connmark strategy).</summary>
    LoadNftables,
}
