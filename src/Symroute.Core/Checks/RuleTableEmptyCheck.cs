using System.Collections.Immutable;
using Symroute.Model;
using Symroute.Planning;

namespace Symroute.Checks;

/// <summary>
/// <c>rule-table-empty</c>: a <c>lookup</c> rule whose table holds no route of the rule's family.
/// The kernel skips a missing table (fib_rules_lookup: -EAGAIN) and finds nothing in an empty one,
/// so the traffic the rule selects silently falls through to the next rules, usually main.
/// The kernel's own <c>32767: from all lookup default</c> is exempt: table default is normally empty.
/// </summary>
public sealed class RuleTableEmptyCheck : ICheck
{
    public string Code => "rule-table-empty";

    public IEnumerable<Finding> Run(CheckContext context)
    {
        var state = context.State;
        var populated = context.Facts.PopulatedTables.Select(k => (k.Family, k.Table)).ToHashSet();
        foreach (var rule in state.Rules)
        {
            if (rule.Action != RuleAction.Lookup || rule.L3mdev) continue;
            uint table = rule.Table ?? RouteTableId.Main;
            if (table is RouteTableId.Local or RouteTableId.Main or RouteTableId.Unspec) continue;
            if (table == RouteTableId.Default && rule.Protocol == RouteProtocol.Kernel) continue;
            if (table == RouteTableId.Default && rule.Priority == 32767 && rule.From is null && rule.To is null) continue;
            if (populated.Contains((rule.Family, table))) continue;

            string fam = rule.Family == Family.Inet ? "IPv4" : "IPv6";
            string name = context.Facts.TableName(table);
            string text = CheckText.Rule(rule, state.TableNames);
            string? dev = rule.From is { IsHost: true } f ? context.Facts.OwnerOf(f.Address) : null;
            var summary = $"rule {rule.Priority} sends {Selected(rule)} to table {name}, which has no {fam} routes (empty or missing): the kernel skips it and that traffic falls through to the next rules, usually main.";
            var evidence = ImmutableArray.Create(
                Evidence.Fact($"rule: {text}"),
                Evidence.Fact($"table {name}: no {fam} routes"));
            Remedy remedy = dev is not null
                ? new Remedy(Strategy.SourceRules, $"The rule looks like half of a source-routing setup for {dev}: the plan re-creates the table with {dev}'s connected route and gateway.", context.PlanCommand(Strategy.SourceRules))
                : new Remedy(null, $"Fill table {name} with the routes the rule expects, or delete the rule if nothing needs it any more.", $"ip{(rule.Family == Family.Inet6 ? " -6" : "")} rule del priority {rule.Priority} lookup {name}");
            yield return new Finding(Code, Severity.Warning,
                new FindingSubject(Interface: dev, Address: rule.From is { IsHost: true } h ? h.Address : null, Rule: text, Table: name),
                summary, evidence, remedy);
        }
    }

    internal static string Selected(Rule rule)
    {
        if (rule.From is { } f && !f.IsDefault) return $"traffic from {f}";
        if (rule.To is { } t && !t.IsDefault) return $"traffic to {t}";
        if (rule.Iif is not null) return $"traffic arriving on {rule.Iif}";
        if (rule.FwMark is not null) return "marked traffic";
        return "all traffic";
    }
}
