namespace Symroute.Model;

/// <summary>A policy rule a configuration file declares.</summary>
/// <param name="Family">Null when the file does not say and no selector tells (then it matches either family's runtime rule).</param>
/// <param name="Table">Table name or number as written; null = main.</param>
/// <param name="Origin">Where it was declared: <c>FILE:LINE</c>.</param>
public sealed record ConfiguredRule(
    Family? Family,
    IpPrefix? From,
    IpPrefix? To,
    string? Table,
    uint? Priority,
    uint? FwMark,
    string? Iif,
    string? Oif,
    string Origin);
