using System.Collections.Immutable;
using Symroute.Model;

namespace Symroute.Checks;

/// <summary>
/// <c>stale-rule</c>: a rule left behind by a configuration that changed. Three shapes:
/// <c>from</c> an address the host no longer has (a DHCP lease moved, an address was removed);
/// <c>from</c> a prefix holding none of the host's addresses on a host that forwards nothing (it
/// can never match); <c>iif</c>/<c>oif</c> naming a device that no longer exists (the kernel keeps
/// the rule <c>[detached]</c>: it never matches, or, under <c>not</c>, matches everything).
/// </summary>
public sealed class StaleRuleCheck : ICheck
{
    public string Code => "stale-rule";

    public IEnumerable<Finding> Run(CheckContext context)
    {
        var state = context.State;
        var facts = context.Facts;
        bool forwards = state.Links.Any(l => !l.IsLoopback && facts.Forwarding(l.Name) == 1)
            || state.Sysctls.Ipv6For("all").Forwarding == 1;
        foreach (var rule in state.Rules)
        {
            if (rule.Protocol == RouteProtocol.Kernel) continue;
            string text = CheckText.Rule(rule, state.TableNames);
            string del = $"ip{(rule.Family == Family.Inet6 ? " -6" : "")} rule del {CheckText.RuleBody(rule, state.TableNames)} priority {rule.Priority}";
            foreach (var (dir, dev) in new[] { ("iif", rule.Iif), ("oif", rule.Oif) })
            {
                if (dev is null || state.FindLink(dev) is not null) continue;
                string effect = rule.Not
                    ? $"under `not` it matches every packet, so {Action(rule, state)} applies to all traffic"
                    : "it never matches";
                yield return Stale(context, rule, text, del, null,
                    $"Rule {rule.Priority} names {dir} {dev}, which does not exist on this host: the kernel keeps it detached and {effect}.",
                    Evidence.Fact($"no device named {dev}"));
            }
            if (rule.From is not { } from || from.IsDefault) continue;
            var local = state.Addresses.Where(a => from.Contains(a.Local)).ToList();
            if (local.Count > 0) continue;
            // AnyIP: a local route (ip route add local PREFIX dev lo) makes a whole prefix the host's own.
            if (facts.LocalRoutes.Any(r => r.Family == rule.Family && (r.Dst.Contains(from.Address) || from.Contains(r.Dst.Address)))) continue;
            bool inConnected = state.Addresses.Any(a => !a.IsSecondary && a.Subnet.Contains(from.Address) && a.Subnet.Length < a.Subnet.MaxLength);
            if (from.IsHost)
            {
                // On a router a host rule may select a forwarded client on a connected LAN.
                if (forwards && inConnected) continue;
                yield return Stale(context, rule, text, del, from.Address,
                    $"Rule {rule.Priority} selects traffic from {from.Address}, which is no longer an address of this host: it matches nothing the host sends, and the replies of whichever address replaced it get no rule.",
                    Evidence.Fact($"no interface has {from.Address}"));
            }
            else if (!forwards)
            {
                yield return Stale(context, rule, text, del, null,
                    $"Rule {rule.Priority} selects traffic from {from}, which holds none of this host's addresses, and the host forwards nothing: the rule can never match.",
                    Evidence.Fact($"no address of this host lies in {from}; forwarding is off"));
            }
        }
    }

    private Finding Stale(CheckContext context, Rule rule, string text, string del, System.Net.IPAddress? address, string summary, Evidence fact) =>
        new(Code, Severity.Warning,
            new FindingSubject(Address: address, Rule: text, Table: rule.Action == RuleAction.Lookup ? context.Facts.TableName(rule.Table ?? RouteTableId.Main) : null),
            summary,
            ImmutableArray.Create(Evidence.Fact($"rule: {text}"), fact),
            new Remedy(null,
                "Delete the rule and remove it from the configuration that re-creates it; for a DHCP interface, a rule keyed on the subnet (or a plan that follows the lease) survives address changes. symroute plan prunes stale rules it owns.",
                del));

    private static string Action(Rule rule, HostState state) => rule.Action switch
    {
        RuleAction.Lookup => $"lookup {state.TableNames.Format(rule.Table ?? RouteTableId.Main)}",
        RuleAction.Goto => $"goto {rule.Goto}",
        _ => rule.Action.ToString().ToLowerInvariant(),
    };
}
