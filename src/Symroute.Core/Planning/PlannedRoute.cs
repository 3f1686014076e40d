using Symroute.Model;

namespace Symroute.Planning;

/// <summary>A route the plan wants present (or removes), with the reason.</summary>
/// <param name="Dev">The uplink it belongs to.</param>
public sealed record PlannedRoute(Route Route, string Dev, ChangeKind Change, string Reason);
