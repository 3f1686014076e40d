using System.Collections.Immutable;
using Symroute.Model;
using Symroute.Planning;
using Symroute.Simulation;

namespace Symroute.Checks;

/// <summary>
/// <c>same-subnet-interfaces</c>: two interfaces with addresses in one subnet (two NICs on one
/// LAN). Main then holds one connected route per interface for the same prefix and the first
/// (lowest metric, then oldest) wins for everything: replies from the other interface's address
/// leave by the winner, even to on-link peers, and the switch learns one MAC for both addresses.
/// </summary>
public sealed class SameSubnetInterfacesCheck : ICheck
{
    public string Code => "same-subnet-interfaces";

    public IEnumerable<Finding> Run(CheckContext context)
    {
        var names = context.State.TableNames;
        foreach (var group in SubnetOverlap.Find(context.Facts).Where(o => !o.DifferentSegments)
                     .GroupBy(o => (o.FirstAddress.Family, Subnet: o.FirstAddress.Subnet)))
        {
            var subnet = group.Key.Subnet;
            var members = group.SelectMany(o => new[] { (o.First, o.FirstAddress), (o.Second, o.SecondAddress) })
                .DistinctBy(m => m.Item1.Name).ToList();
            // The connected route main uses for the subnet: lowest metric, then list order.
            var winnerRoute = context.Facts.TableRoutes(RouteTableId.Main, group.Key.Family)
                .Where(r => r.Type == RouteType.Unicast && r.Dst.Equals(subnet.Network()))
                .Select((r, i) => (r, i)).OrderBy(x => x.r.Metric ?? 0).ThenBy(x => x.i).Select(x => x.r).FirstOrDefault();
            string winner = winnerRoute?.FirstNexthop?.Dev ?? members[0].Item1.Name;
            foreach (var (iface, addr) in members.Where(m => m.Item1.Name != winner))
            {
                var peer = Probes.OnLinkPeer(subnet, a => context.Facts.IsLocal(a) || members.Any(m => m.Item1.Gateways.Contains(a)));
                // Already fixed: a source rule and table send this address's replies out of its own interface.
                if (peer is not null && context.Replies.Simulator.Output(new RouteQuery(peer, addr.Local)) is RouteDecision own && own.Dev == iface.Name)
                    continue;
                var evidence = ImmutableArray.CreateBuilder<Evidence>();
                foreach (var (m, a) in members)
                    evidence.Add(Evidence.Fact($"{m.Name} has {a.Local}/{a.PrefixLength} in {subnet}"));
                evidence.Add(Evidence.Fact($"segment: {group.First().Reason}"));
                if (winnerRoute is not null)
                    evidence.Add(Evidence.Fact($"main uses {CheckText.Route(winnerRoute, names)} for the whole subnet"));
                if (peer is not null && context.Replies.Lookup(peer, addr.Local) is { } q)
                    evidence.Add(q);
                yield return new Finding(Code, Severity.Warning,
                    new FindingSubject(Interface: iface.Name, Address: addr.Local),
                    $"{iface.Name} ({addr.Local}) and {winner} are in the same subnet {subnet}: the kernel sends all traffic for it out of {winner}, so replies from {addr.Local} leave {winner} even to on-link peers.",
                    evidence.ToImmutable(),
                    new Remedy(Strategy.SourceRules,
                        $"Give {addr.Local} its own table with {subnet} dev {iface.Name} and a source rule, and set arp_ignore=1, arp_announce=2 so each NIC answers only for its own address; if the two NICs are there for throughput or redundancy, bonding them is the better design.",
                        context.PlanCommand(Strategy.SourceRules)));
            }
        }
    }
}
