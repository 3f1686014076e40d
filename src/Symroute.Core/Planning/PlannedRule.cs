using Symroute.Model;

namespace Symroute.Planning;

/// <summary>A policy rule the plan wants present (or removes), with the reason.</summary>
/// <param name="Dev">The uplink whose table the rule points to; null for the main-first rule.</param>
public sealed record PlannedRule(Rule Rule, string? Dev, RulePurpose Purpose, ChangeKind Change, string Reason);
