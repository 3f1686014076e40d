using System.Collections.Immutable;
using System.Globalization;
using Symroute.Model;
using Symroute.Planning;

namespace Symroute.Checks;

/// <summary>
/// <c>multiple-default-routes</c>: several default routes (or one multipath default) in main, per
/// family. Says which one wins and why: lowest metric; among equal metrics the first in the list
/// for IPv4 (fib_select_default keeps it unless its neighbour entry is known bad), the highest
/// router preference and then the first learnt for IPv6 (rt6_select). A warning while some
/// address of a losing interface still replies through the winner; info once every such address
/// has symmetric replies (the losers are then failover paths for unbound traffic only).
/// </summary>
public sealed class MultipleDefaultRoutesCheck : ICheck
{
    public string Code => "multiple-default-routes";

    public IEnumerable<Finding> Run(CheckContext context)
    {
        foreach (var family in new[] { Family.Inet, Family.Inet6 })
        {
            var defaults = context.Facts.DefaultRoutes
                .Where(r => r.Family == family && r.Table == RouteTableId.Main && r.Type == RouteType.Unicast && r.Src is null)
                .ToList();
            int paths = defaults.Sum(r => r.Nexthops.Length);
            if (defaults.Count == 0 || paths < 2) continue;
            yield return Build(context, family, defaults);
        }
    }

    private Finding Build(CheckContext context, Family family, List<Route> defaults)
    {
        var names = context.State.TableNames;
        // Order as the kernel prefers them: metric, then (IPv6) router preference, then list order.
        var ranked = defaults
            .Select((r, i) => (r, i))
            .OrderBy(x => x.r.Metric ?? (family == Family.Inet6 ? 1024u : 0u))
            .ThenBy(x => family == Family.Inet6 ? PreferenceRank(x.r.Pref) : 0)
            .ThenBy(x => x.i)
            .Select(x => x.r)
            .ToList();
        var winner = ranked[0];
        uint Metric(Route r) => r.Metric ?? (family == Family.Inet6 ? 1024u : 0u);
        string why;
        if (winner.Nexthops.Length > 1)
            why = $"it is a multipath route: each flow is hashed onto one of its {winner.Nexthops.Length} nexthops (fib_select_multipath)";
        else if (ranked.Count > 1 && Metric(ranked[1]) > Metric(winner))
            why = $"it has the lowest metric ({Metric(winner).ToString(CultureInfo.InvariantCulture)})";
        else if (family == Family.Inet6 && ranked.Count > 1 && PreferenceRank(ranked[1].Pref) > PreferenceRank(winner.Pref))
            why = $"the metrics tie and its router preference ({(winner.Pref ?? RouterPreference.Medium).ToString().ToLowerInvariant()}) is the highest (rt6_select)";
        else if (family == Family.Inet6)
            why = "the metrics and router preferences tie, so the first one learnt is used (rt6_select); which one that is can change when a router re-advertises";
        else
            why = "the metrics tie, so the first in the list is used unless its gateway's neighbour entry is known bad (fib_select_default): the choice can flip at run time";

        var winnerDev = winner.FirstNexthop?.Dev;
        var losers = ranked.Skip(1).SelectMany(r => r.Nexthops).Concat(winner.Nexthops.Skip(1))
            .Select(n => n.Dev).Where(d => d is not null && d != winnerDev).Distinct().ToList();

        var evidence = ImmutableArray.CreateBuilder<Evidence>();
        foreach (var r in ranked)
            evidence.Add(Evidence.Fact($"main: {CheckText.Route(r, names)}"));
        evidence.Add(Evidence.Fact($"winner: {CheckText.Route(winner, names)}, because {why}"));
        var unbound = context.Replies.UnboundOffLink(family);
        if (unbound is not null)
            evidence.Add(unbound);

        // Which losing interfaces still have addresses whose replies follow the winner?
        var exposed = new List<string>();
        foreach (var dev in losers)
        {
            var facts = context.Facts.Find(dev!);
            if (facts is null) continue;
            foreach (var a in facts.AddressesOf(family))
            {
                var path = context.Replies.OffLink(a);
                if (path is null || !path.Symmetric)
                    exposed.Add($"{a.Local} ({dev})");
            }
        }
        string fam = family == Family.Inet ? "IPv4" : "IPv6";
        string summary = defaults.Count == 1
            ? $"main holds one {fam} default route with {winner.Nexthops.Length} nexthops; {why}"
            : $"main holds {defaults.Count.ToString(CultureInfo.InvariantCulture)} {fam} default routes; {DescribeWinner(winner)} wins because {why}";
        Severity severity;
        if (exposed.Count > 0 || losers.Count == 0)
        {
            severity = Severity.Warning;
            summary += exposed.Count > 0
                ? $", so replies from {string.Join(", ", exposed)} follow it too."
                : ".";
        }
        else
        {
            severity = Severity.Info;
            summary += $"; source rules already route the replies of {string.Join(", ", losers)} through their own gateways, so the others only serve as fallback for traffic without a source address.";
        }
        var remedy = severity == Severity.Info ? null : new Remedy(Strategy.SourceRules,
            "Keep both gateways but give each interface its own table and source rules, so that each address replies through its own gateway whichever default wins in main; if the second gateway is not needed, the one-gateway strategy removes it instead.",
            context.PlanCommand(Strategy.SourceRules));
        return new Finding(Code, severity, new FindingSubject(Interface: winnerDev, Table: "main"), summary, evidence.ToImmutable(), remedy);
    }

    private static string DescribeWinner(Route r) =>
        r.FirstNexthop is { } nh ? (nh.Gateway is not null ? $"via {nh.Gateway} dev {nh.Dev}" : $"dev {nh.Dev}") : "the first";

    private static int PreferenceRank(RouterPreference? p) => p switch
    {
        RouterPreference.High => 0,
        RouterPreference.Low => 2,
        _ => 1,
    };
}
