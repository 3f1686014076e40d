using System.Collections.Immutable;
using System.Globalization;
using Symroute.Backends;
using Symroute.Model;

namespace Symroute.Planning;

/// <summary>
/// The runtime changes of a plan in execution order (as <see cref="RuntimeRenderer"/> orders its
/// script): stale rules, stale routes, new routes, new rules, sysctls, nftables. Only Add and Remove
/// items become steps; nothing the plan keeps is touched.
/// </summary>
public static class ApplySteps
{
    /// <param name="ruleset">The connmark ruleset to load, or null.</param>
    /// <param name="rulesetBefore">symroute's nftables table as it is now (null when absent).</param>
    public static ImmutableArray<ApplyStep> From(Plan plan, string? ruleset, string? rulesetBefore)
    {
        var steps = ImmutableArray.CreateBuilder<ApplyStep>();
        foreach (var r in plan.Rules.Where(r => r.Change == ChangeKind.Remove))
            steps.Add(new ApplyStep(ApplyStepKind.DeleteRule, IpCommand.Rule("del", r.Rule), Rule: r.Rule));
        foreach (var r in plan.Routes.Where(r => r.Change == ChangeKind.Remove))
            steps.Add(new ApplyStep(ApplyStepKind.DeleteRoute, IpCommand.Route("del", r.Route), Route: r.Route));
        foreach (var r in plan.Routes.Where(r => r.Change == ChangeKind.Add))
            steps.Add(new ApplyStep(ApplyStepKind.AddRoute, IpCommand.Route("add", r.Route), Route: r.Route));
        foreach (var r in plan.Rules.Where(r => r.Change == ChangeKind.Add))
            steps.Add(new ApplyStep(ApplyStepKind.AddRule, IpCommand.Rule("add", r.Rule), Rule: r.Rule));
        foreach (var s in plan.Sysctls.Where(s => s.Change == ChangeKind.Add))
            steps.Add(new ApplyStep(ApplyStepKind.SetSysctl, $"sysctl -w {s.Key}={s.Value.ToString(CultureInfo.InvariantCulture)}",
                SysctlKey: s.Key, Value: s.Value, Before: s.Current));
        if (ruleset is not null && ruleset != rulesetBefore)
            steps.Add(new ApplyStep(ApplyStepKind.LoadNftables, "nft -f - (table inet symroute: connection marks)",
                Ruleset: ruleset, RulesetBefore: rulesetBefore));
        return steps.ToImmutable();
    }

    /// <summary>The step that undoes <paramref name="step"/> (its inverse), as a description.</summary>
    public static string UndoDescription(ApplyStep step) => step.Kind switch
    {
        ApplyStepKind.AddRoute => IpCommand.Route("del", step.Route!),
        ApplyStepKind.DeleteRoute => IpCommand.Route("add", step.Route!),
        ApplyStepKind.AddRule => IpCommand.Rule("del", step.Rule!),
        ApplyStepKind.DeleteRule => IpCommand.Rule("add", step.Rule!),
        ApplyStepKind.SetSysctl => step.Before is int b
            ? $"sysctl -w {step.SysctlKey}={b.ToString(CultureInfo.InvariantCulture)}"
            : $"(cannot restore {step.SysctlKey}: its value before is unknown)",
        _ => step.RulesetBefore is null ? "nft delete table inet symroute" : "nft -f - (table inet symroute as it was)",
    };
}
