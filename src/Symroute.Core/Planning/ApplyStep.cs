using Symroute.Model;

namespace Symroute.Planning;

/// <summary>
/// One runtime change of an apply, with what is needed to undo it: the route or rule itself
/// (added or deleted), the sysctl's value before, or the nftables table's ruleset before (null when
/// the table did not exist).
/// </summary>
/// <param name="Description">The change as the equivalent command (<c>ip -4 rule add …</c>), for people.</param>
public sealed record ApplyStep(
    ApplyStepKind Kind,
    string Description,
    Route? Route = null,
    Rule? Rule = null,
    string? SysctlKey = null,
    int? Value = null,
    int? Before = null,
    string? Ruleset = null,
    string? RulesetBefore = null);
