using System.Collections.Immutable;
using Symroute.Model;
using Symroute.Planning;

namespace Symroute.Checks;

/// <summary>
/// <c>not-persistent</c>: rules and routes present at runtime that no configuration file of the
/// interface's backend declares, so they vanish at the next reboot or link restart. Only objects
/// an administrator adds are judged (protocol unspec, boot or static); kernel, DHCP, RA and
/// routing-daemon routes are the responsibility of their owners. Objects tied to no managed
/// interface (a VPN's rules, a container runtime's bridge) are left alone: the tool cannot know
/// what re-creates them.
/// </summary>
public sealed class NotPersistentCheck : ICheck
{
    public string Code => "not-persistent";

    public string? CannotRun(CheckContext context) =>
        context.Config is null ? context.Inputs.ConfigUnavailable ?? "no network configuration was read" : null;

    public IEnumerable<Finding> Run(CheckContext context)
    {
        var config = context.Config!;
        var state = context.State;
        var names = state.TableNames;
        var declaredRules = config.Interfaces.SelectMany(i => i.Rules).ToList();
        var declaredRoutes = config.Interfaces.SelectMany(i => i.Routes).ToList();
        var byDev = new SortedDictionary<string, (List<string> Rules, List<string> Routes)>(StringComparer.Ordinal);

        foreach (var rule in state.Rules)
        {
            if (rule.Protocol == RouteProtocol.Kernel) continue;
            if (rule.Protocol is { } p && p is not (RouteProtocol.Unspec or RouteProtocol.Boot or RouteProtocol.Static)) continue;
            var dev = Attribute(context, rule).FirstOrDefault(d => config.For(d) is not null);
            if (dev is null) continue;
            if (declaredRules.Any(d => Matches(d, rule, names))) continue;
            Add(byDev, dev).Rules.Add(CheckText.Rule(rule, names));
        }
        foreach (var route in state.Routes)
        {
            if (route.Protocol is not (RouteProtocol.Unspec or RouteProtocol.Boot or RouteProtocol.Static)) continue;
            if (route.Table == RouteTableId.Local || route.Type is RouteType.Local or RouteType.Broadcast or RouteType.Multicast) continue;
            var dev = route.FirstNexthop?.Dev;
            if (dev is null || config.For(dev) is null) continue;
            if (declaredRoutes.Any(d => Matches(d, route, names))) continue;
            Add(byDev, dev).Routes.Add(CheckText.Route(route, names));
        }

        foreach (var (dev, (rules, routes)) in byDev)
        {
            var managed = config.For(dev)!;
            string backend = managed.Backend.ToName();
            var evidence = ImmutableArray.CreateBuilder<Evidence>();
            evidence.Add(Evidence.Fact($"{dev} is managed by {backend} ({managed.Origin})"));
            foreach (var r in rules) evidence.Add(Evidence.Fact($"runtime only: ip rule {r}"));
            foreach (var r in routes) evidence.Add(Evidence.Fact($"runtime only: ip route {r}"));
            string what = (rules.Count, routes.Count) switch
            {
                (> 0, > 0) => $"{Count(rules.Count, "rule")} and {Count(routes.Count, "route")}",
                (> 0, _) => Count(rules.Count, "rule"),
                _ => Count(routes.Count, "route"),
            };
            yield return new Finding(Code, Severity.Warning,
                new FindingSubject(Interface: dev),
                $"{what} for {dev} exist only at runtime: no {backend} configuration declares them, so they vanish at the next reboot or when {backend} reconfigures {dev}.",
                evidence.ToImmutable(),
                new Remedy(Strategy.SourceRules,
                    $"Persist them in {dev}'s {backend} configuration (symroute plan renders source rules for {backend} and writes them with --write); for other routes, add them to {managed.Origin}.",
                    context.PlanCommand(Strategy.SourceRules) + $" --backend {backend}"));
        }
    }

    private static string Count(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";

    private static (List<string> Rules, List<string> Routes) Add(SortedDictionary<string, (List<string>, List<string>)> d, string dev)
    {
        if (!d.TryGetValue(dev, out var v)) d[dev] = v = ([], []);
        return v;
    }

    /// <summary>Interfaces a rule belongs to: the owner of its source address, its iif/oif, the devices its table routes through.</summary>
    private static IEnumerable<string> Attribute(CheckContext context, Rule rule)
    {
        if (rule.From is { } from && !from.IsDefault)
            foreach (var a in context.State.Addresses)
                if (from.Contains(a.Local)) yield return a.Dev;
        if (rule.Iif is not null) yield return rule.Iif;
        if (rule.Oif is not null) yield return rule.Oif;
        if (rule.Action == RuleAction.Lookup && rule.Table is { } t && t is not (RouteTableId.Main or RouteTableId.Local or RouteTableId.Default))
            foreach (var dev in context.Facts.TableDevices(t, rule.Family, unicastOnly: false))
                yield return dev;
    }

    private static bool Matches(ConfiguredRule d, Rule r, TableNames names)
    {
        if (d.Family is { } f && f != r.Family) return false;
        if (!SamePrefix(d.From, r.From) || !SamePrefix(d.To, r.To)) return false;
        if (r.Action == RuleAction.Lookup && Table(d.Table, names) != (r.Table ?? RouteTableId.Main)) return false;
        if (d.Priority is { } p && p != r.Priority) return false;
        if ((d.FwMark ?? 0) != (r.FwMark ?? 0)) return false;
        if (d.Iif != r.Iif || d.Oif != r.Oif) return false;
        return true;
    }

    private static bool Matches(ConfiguredRoute d, Route r, TableNames names)
    {
        if (d.Family is { } f && f != r.Family) return false;
        if (d.Dst.Length != r.Dst.Length || !d.Dst.Network().Address.Equals(r.Dst.Network().Address))
        {
            // A declared default of unknown family is stored as 0.0.0.0/0; it also stands for ::/0.
            if (!(d.Dst.IsDefault && r.Dst.IsDefault && d.Family is null)) return false;
        }
        if (Table(d.Table, names) != r.Table) return false;
        if (d.Gateway is not null && !r.Nexthops.Any(n => d.Gateway.Equals(n.Gateway))) return false;
        if (d.Dev is not null && !r.Nexthops.Any(n => n.Dev == d.Dev)) return false;
        return true;
    }

    private static bool SamePrefix(IpPrefix? a, IpPrefix? b)
    {
        bool aAll = a is null || a.Value.IsDefault, bAll = b is null || b.Value.IsDefault;
        if (aAll || bAll) return aAll == bAll;
        return a!.Value.Length == b!.Value.Length && a.Value.Network().Address.Equals(b.Value.Network().Address);
    }

    private static uint? Table(string? text, TableNames names) =>
        text is null ? RouteTableId.Main : names.TryResolve(text, out var id) ? id : null;
}
