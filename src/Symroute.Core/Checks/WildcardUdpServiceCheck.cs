using System.Collections.Immutable;
using System.Net;
using Symroute.Model;
using Symroute.Simulation;

namespace Symroute.Checks;

/// <summary>
/// <c>wildcard-udp-service</c> (warning): a UDP service bound to 0.0.0.0 or :: on a host with
/// several addresses. Unless it uses IP_PKTINFO / IPV6_RECVPKTINFO, its replies carry the source
/// the kernel selects for an unbound socket (the route's preferred source, a primary address), not
/// the address the query was sent to, and clients drop them. Source rules cannot fix a wrong
/// source address. Needs the live host's sockets (/proc/net/udp); DHCP and mDNS client ports and
/// kernel-owned tunnel sockets (inode 0) are left out.
/// </summary>
public sealed class WildcardUdpServiceCheck : ICheck
{
    private static readonly HashSet<ushort> ClientPorts = [68, 546, 5353, 5355];

    public string Code => "wildcard-udp-service";

    public string? CannotRun(CheckContext context) =>
        context.Inputs.Sockets is null ? context.Inputs.SocketsUnavailable ?? "listening sockets were not read" : null;

    public IEnumerable<Finding> Run(CheckContext context)
    {
        var facts = context.Facts;
        var sockets = context.Inputs.Sockets!.Value
            .Where(s => s.IsWildcard && s.Inode != 0 && !ClientPorts.Contains(s.Port))
            .DistinctBy(s => (s.Local.AddressFamily, s.Port))
            .OrderBy(s => s.Port).ThenBy(s => s.Local.AddressFamily);
        var reported = new HashSet<ushort>();
        foreach (var socket in sockets)
        {
            if (reported.Contains(socket.Port)) continue;
            // An IPv6 wildcard socket also receives IPv4 unless IPV6_V6ONLY; check both families then.
            var families = socket.Local.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? new[] { Family.Inet6, Family.Inet } : [Family.Inet];
            foreach (var family in families)
            {
                var addresses = facts.Interfaces.SelectMany(i => i.AddressesOf(family)).ToList();
                if (addresses.Count < 2) continue;
                var wrong = new List<(InterfaceAddress Address, IPAddress Source, Evidence Evidence)>();
                foreach (var a in addresses)
                {
                    // A client off-link, or on-link in the address's own subnet for secondaries and VIPs.
                    var client = a.IsSecondary
                        ? Probes.OnLinkPeer(a.Subnet, facts.IsLocal)
                        : context.Replies.OffLinkClients(family).FirstOrDefault();
                    if (client is null) continue;
                    var (result, evidence) = context.Replies.Run(new RouteQuery(client), r => r is RouteDecision d
                        ? $"an unbound reply to {client} gets source {d.Source} (out of {d.Dev})"
                        : $"no route to {client}: {((RouteError)r).Message}");
                    if (result is RouteDecision { Source: { } src } && !src.Equals(a.Local))
                        wrong.Add((a, src, evidence));
                }
                if (wrong.Count == 0) continue;
                reported.Add(socket.Port);
                var first = wrong[0];
                var ev = ImmutableArray.CreateBuilder<Evidence>();
                ev.Add(Evidence.Fact($"udp socket bound to {(family == Family.Inet6 ? "[::]" : "0.0.0.0")}:{socket.Port} (inode {socket.Inode})"));
                foreach (var w in wrong.Take(4)) ev.Add(w.Evidence);
                yield return new Finding(Code, Severity.Warning, new FindingSubject(Interface: first.Address.Dev, Address: first.Address.Local),
                    $"A UDP service listens on all addresses, port {socket.Port}: unless it replies with IP_PKTINFO, a query to {string.Join(", ", wrong.Select(w => w.Address.Local).Distinct().Take(4))} is answered from {first.Source}, and the client drops the answer.",
                    ev.ToImmutable(),
                    new Remedy(null,
                        "Bind the service to each address it serves, or enable its option to reply from the address it was reached at (IP_PKTINFO); routing rules cannot change a reply's source address.",
                        null));
                break;
            }
        }
    }
}
