using System.Collections.Immutable;
using Symroute.Model;
using Symroute.Simulation;

namespace Symroute.Checks;

/// <summary>
/// <c>rp-filter-drop</c>: the host's own reverse-path filter drops inbound traffic from off-link
/// clients to one of its IPv4 addresses (fib_validate_source: with rp_filter = max(all, dev) = 1
/// the best route back to the client must leave by the receiving interface; with 2 some route
/// must exist). Simulated as the input lookup <c>route get ADDR from CLIENT iif DEV</c>. IPv6 has
/// no rp_filter. Critical when the interface has a gateway, info otherwise (see asymmetric-reply).
/// </summary>
public sealed class RpFilterDropCheck : ICheck
{
    public string Code => "rp-filter-drop";

    public IEnumerable<Finding> Run(CheckContext context)
    {
        var facts = context.Facts;
        foreach (var iface in facts.Interfaces)
        {
            if (!iface.Link.IsUp || iface.Link.Master is not null) continue;
            int? rp = facts.RpFilter(iface.Name);
            if (rp is null or 0) continue;
            foreach (var address in iface.AddressesOf(Family.Inet))
            {
                var client = context.Replies.OffLinkClients(Family.Inet).FirstOrDefault();
                if (client is null) continue;
                var (result, evidence) = context.Replies.Inbound(address, client);
                if (result is not RouteError { ReversePath: { Accepted: false } bad }) continue;
                bool gateway = context.HasGateway(iface, Family.Inet);
                var all = context.State.Sysctls.Ipv4For("all").RpFilter;
                var dev = context.State.Sysctls.Ipv4For(iface.Name).RpFilter;
                var facts2 = ImmutableArray.Create(evidence,
                    Evidence.Fact($"effective rp_filter on {iface.Name} = max(all={Show(all)}, {iface.Name}={Show(dev)}) = {rp} ({(rp == 1 ? "strict" : "loose")})"));
                string why = bad.Outcome == ReversePathOutcome.RejectedNoRoute
                    ? $"there is no route back to {client}"
                    : $"the best route back to {client} leaves {bad.RouteDev}, not {iface.Name}";
                yield return new Finding(Code, gateway ? Severity.Critical : Severity.Info,
                    new FindingSubject(Interface: iface.Name, Address: address.Local),
                    $"{(rp == 1 ? "Strict" : "Loose")} reverse-path filtering on {iface.Name} drops packets from off-link clients to {address.Local} before any socket sees them: {why}.{(gateway ? "" : $" ({iface.Name} has no gateway: only matters if a router brings off-link clients.)")}",
                    facts2,
                    ReplyRemedy.For(context, Family.Inet, iface.Name) with
                    {
                        Reason = $"Source rules make the reverse lookup (whose source is {address.Local}) use {iface.Name}'s table, so strict filtering accepts the packets and the replies leave {iface.Name} too. Setting rp_filter=2 would only silence this check: the replies would still leave by the wrong interface.",
                    });
            }
        }
    }

    private static string Show(int? v) => v?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?";
}
