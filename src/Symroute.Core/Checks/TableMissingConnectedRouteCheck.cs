using System.Collections.Immutable;
using Symroute.Model;
using Symroute.Planning;

namespace Symroute.Checks;

/// <summary>
/// <c>table-missing-connected-route</c>: a table that a rule uses routes through an interface but
/// lacks that interface's connected subnet. A lookup in it for an on-link peer then matches the
/// default route, so the peer is reached through the gateway (hairpin, ICMP redirects, and a
/// firewall on the gateway seeing half of the conversation) instead of directly.
/// </summary>
public sealed class TableMissingConnectedRouteCheck : ICheck
{
    public string Code => "table-missing-connected-route";

    /// <summary>How many of the table's routes the evidence quotes.</summary>
    private const int EvidenceRoutes = 20;

    public IEnumerable<Finding> Run(CheckContext context)
    {
        var state = context.State;
        var referenced = state.Rules
            .Where(r => r.Action == RuleAction.Lookup && !r.L3mdev && r.Table is { } t && t is not (RouteTableId.Local or RouteTableId.Main or RouteTableId.Default or RouteTableId.Unspec))
            .Select(r => (r.Family, Table: r.Table!.Value))
            .Distinct()
            .ToList();
        foreach (var (family, table) in referenced)
        {
            var routes = context.Facts.TableRoutes(table, family);
            if (routes.Count == 0) continue; // rule-table-empty reports it
            foreach (var dev in context.Facts.TableDevices(table, family, unicastOnly: true))
            {
                var iface = context.Facts.Find(dev!);
                if (iface is null) continue;
                foreach (var addr in iface.AddressesOf(family))
                {
                    if (addr.IsSecondary || addr.PrefixLength >= (family == Family.Inet ? 31 : 127)) continue;
                    var subnet = addr.Subnet;
                    bool hasConnected = routes.Any(r => r.Type == RouteType.Unicast && r.Dst.Contains(subnet)
                        && r.Nexthops.Any(n => n.Dev == dev && n.Gateway is null));
                    if (hasConnected) continue;
                    string name = context.Facts.TableName(table);
                    var evidence = ImmutableArray.CreateBuilder<Evidence>();
                    evidence.Add(Evidence.Fact($"{dev} has {addr.Local}/{addr.PrefixLength}: its connected subnet is {subnet}"));
                    // The table's routes, but not a full Internet table's million of them.
                    foreach (var r in routes.Take(EvidenceRoutes))
                        evidence.Add(Evidence.Fact($"table {name}: {CheckText.Route(r, state.TableNames, withTable: false)}"));
                    if (routes.Count > EvidenceRoutes)
                        evidence.Add(Evidence.Fact($"table {name}: {routes.Count - EvidenceRoutes} more routes"));
                    var peer = Probes.OnLinkPeer(subnet, a => context.Facts.IsLocal(a) || iface.Gateways.Contains(a));
                    if (peer is not null && context.Replies.Lookup(peer, addr.Local) is { } q)
                        evidence.Add(q);
                    yield return new Finding(Code, Severity.Warning,
                        new FindingSubject(Interface: dev, Address: addr.Local, Table: name),
                        $"Table {name} routes through {dev} but has no route for {dev}'s subnet {subnet}: traffic it carries to on-link peers on {subnet} goes through the gateway instead of directly.",
                        evidence.ToImmutable(),
                        new Remedy(Strategy.SourceRules,
                            $"Add `{subnet} dev {dev} scope link src {addr.Local} table {name}`; the source-rules plan builds each table with its connected route.",
                            context.PlanCommand(Strategy.SourceRules)));
                    break; // one finding per table and interface
                }
            }
        }
    }
}
