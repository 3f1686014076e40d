using System.Collections.Immutable;
using Symroute.Model;
using Symroute.Planning;

namespace Symroute.Checks;

/// <summary>
/// <c>asymmetric-reply</c>: replies from a local address leave by another interface than the one
/// owning it (IPv4 and IPv6). For every usable global address the reply to an off-link client is
/// simulated as the lookup of a socket bound to that address (<c>route get CLIENT from ADDR</c>).
/// Critical when the owning interface has a gateway (clients beyond it exist and their firewalls
/// and rp_filters drop the replies); info when it has none (only a router the host does not know
/// about could bring off-link clients). Replies to on-link peers of the other interfaces' subnets
/// that leave directly by those interfaces are reported as info: they are asymmetric only when
/// such a peer reaches the address through a router.
/// </summary>
public sealed class AsymmetricReplyCheck : ICheck
{
    public string Code => "asymmetric-reply";

    public IEnumerable<Finding> Run(CheckContext context)
    {
        var facts = context.Facts;
        foreach (var iface in facts.Interfaces)
        {
            if (!iface.Link.IsUp || iface.Link.Master is not null) continue;
            foreach (var address in iface.Addresses)
            {
                var path = context.Replies.OffLink(address);
                if (path is null || path.Error is not null) continue;
                string fam = address.Family == Family.Inet ? "IPv4" : "IPv6";
                if (!path.Symmetric)
                {
                    bool gateway = context.HasGateway(iface, address.Family);
                    // A segment without a gateway that this host routes for (a container bridge, a
                    // router's LAN) has no off-link clients of its own: nothing to say about it.
                    if (!gateway && (iface.Link.Kind == "bridge" || RoutedByUs(context, iface, address.Family))) continue;
                    var evidence = ImmutableArray.CreateBuilder<Evidence>();
                    evidence.Add(path.Evidence);
                    if (path.Gateway is not null || path.Dev is not null)
                        evidence.Add(Evidence.Fact($"{address.Local} belongs to {iface.Name}{(!gateway ? ", which has no gateway in any table" : iface.HasGateway(address.Family) ? $", whose gateway is {string.Join(", ", iface.GatewaysOf(address.Family))}" : $", whose gateway is {context.DeclaredGateway(iface.Name, address.Family)} but in no routing table")}"));
                    string via = path.Gateway is null ? "" : $" via {path.Gateway}";
                    if (gateway)
                        yield return new Finding(Code, Severity.Critical, new FindingSubject(Interface: iface.Name, Address: address.Local),
                            $"Replies from {address.Local} to off-link clients leave {path.Dev}{via} instead of {iface.Name}: stateful firewalls and reverse-path filters on the {iface.Name} side see only half of each connection and drop it, so clients reaching {address.Local} time out.",
                            evidence.ToImmutable(), ReplyRemedy.For(context, address.Family, iface.Name));
                    else
                        yield return new Finding(Code, Severity.Info, new FindingSubject(Interface: iface.Name, Address: address.Local),
                            $"{iface.Name} has no {fam} gateway, so replies from {address.Local} to off-link clients would leave {path.Dev}{via}: harmless while only on-link peers use {address.Local}, broken as soon as a router brings it off-link clients.",
                            evidence.ToImmutable(),
                            new Remedy(Strategy.SourceRules,
                                $"Nothing to do if {address.Local} serves only its own subnet; otherwise give {iface.Name} its gateway and source rules (the plan needs the gateway to build {iface.Name}'s table).",
                                context.PlanCommand(Strategy.SourceRules)));
                    continue;
                }
                // Off-link replies are right; now on-link peers of the other interfaces' subnets.
                if (!context.HasGateway(iface, address.Family)) continue;
                foreach (var other in facts.Interfaces)
                {
                    if (other == iface || !other.Link.IsUp) continue;
                    var subnet = other.AddressesOf(address.Family).FirstOrDefault(a => !a.IsSecondary && !a.Subnet.Contains(address.Local) && a.PrefixLength < (a.Family == Family.Inet ? 31 : 127))?.Subnet;
                    if (subnet is null) continue;
                    var peer = Probes.OnLinkPeer(subnet.Value, a => facts.IsLocal(a) || other.Gateways.Contains(a));
                    if (peer is null) continue;
                    var p = context.Replies.Reply(address, peer);
                    if (p.Error is not null) continue;
                    // A segment this host routes for (a container bridge, a router's LAN) reaches the
                    // address through this host: the reply must go straight back out of that segment.
                    if (RoutedByUs(context, other, address.Family))
                    {
                        if (p.Dev == other.Name) continue;
                        yield return new Finding(Code, Severity.Warning, new FindingSubject(Interface: iface.Name, Address: address.Local),
                            $"Replies from {address.Local} to hosts on {subnet} ({other.Name}, which this host routes for) leave {p.Dev}{(p.Gateway is null ? "" : $" via {p.Gateway}")} instead of going straight back out of {other.Name}: those hosts get no answer from {address.Local}.",
                            [p.Evidence, Evidence.Fact($"{other.Name} has no gateway and forwards: its hosts reach {address.Local} through this host")],
                            ReplyRemedy.For(context, address.Family, iface.Name));
                    }
                    else if (p.Dev != iface.Name)
                    {
                        yield return new Finding(Code, Severity.Info, new FindingSubject(Interface: iface.Name, Address: address.Local),
                            $"Replies from {address.Local} to peers on {subnet} leave {p.Dev} directly, not {iface.Name}: fine when those peers talk to {address.Local} directly, asymmetric when they reach it through a router.",
                            [p.Evidence], null);
                    }
                }
            }
        }
    }

    /// <summary>An interface without a gateway whose traffic this host forwards: its hosts use this host as their gateway.</summary>
    private static bool RoutedByUs(CheckContext context, InterfaceFacts iface, Family family) =>
        !context.HasGateway(iface, family)
        && (family == Family.Inet ? context.Facts.Forwarding(iface.Name) == 1 : context.State.Sysctls.Ipv6For("all").Forwarding == 1);
}
