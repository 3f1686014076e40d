using System.Collections.Immutable;
using System.Net;
using Symroute.Model;
using Symroute.Simulation;
using Symroute.Planning;

namespace Symroute.Checks;

/// <summary>
/// <c>dnat-asymmetric-reply</c> (critical): connections arriving on one interface and DNAT'd to a
/// host behind this one (a container, a LAN server) are answered by that host; the reply is
/// forwarded with the internal source and un-NATed only after routing (nf_nat in POSTROUTING), so
/// <c>from PUBLIC-ADDRESS</c> rules never see it. Simulated as the forwarding lookup of the reply,
/// <c>route get CLIENT from TARGET iif INTERNAL-DEV [mark M]</c>, with the mark the ruleset's
/// connmark restore would put on it. The reply must leave by the interface the connection came in on.
/// </summary>
public sealed class DnatAsymmetricReplyCheck : ICheck
{
    public string Code => "dnat-asymmetric-reply";

    public string? CannotRun(CheckContext context) =>
        context.State.Firewall is null ? context.Inputs.FirewallUnavailable ?? "no firewall rules in this input" : null;

    public IEnumerable<Finding> Run(CheckContext context)
    {
        var fw = context.State.Firewall!;
        var facts = context.Facts;
        var seen = new HashSet<(string, string)>();
        foreach (var nat in fw.NatRules)
        {
            if (nat.Kind != NatKind.Dnat) continue;
            if (!nat.Hooks.IsEmpty && !nat.Hooks.Contains("prerouting")) continue;
            var family = nat.ToAddress is { } t ? (t.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? Family.Inet6 : Family.Inet)
                : nat.Family == "ip6" ? Family.Inet6 : Family.Inet;
            if (nat.ToAddress is not null && facts.IsLocal(nat.ToAddress)) continue; // delivered locally, replies are ordinary local replies

            // The device the DNAT'd packets are forwarded to, where the replies come back from.
            string? inner = null;
            if (nat.ToAddress is not null)
            {
                if (context.Replies.Simulator.Output(new RouteQuery(nat.ToAddress)) is RouteDecision d && d.Dev is not null) inner = d.Dev;
                else continue;
            }
            IEnumerable<InterfaceFacts> ingress = nat.Iif is not null && !nat.IifNot
                ? facts.Interfaces.Where(i => i.Name == nat.Iif)
                : nat.Daddr is { IsHost: true } da && facts.OwnerOf(da.Address) is { } owner
                    ? facts.Interfaces.Where(i => i.Name == owner)
                    : facts.Interfaces.Where(i => i.Name != inner && !(nat.IifNot && i.Name == nat.Iif));
            foreach (var iface in ingress)
            {
                if (!context.HasGateway(iface, family) || iface.Name == inner) continue;
                if (family == Family.Inet && facts.Forwarding(iface.Name) != 1) continue;
                if (family == Family.Inet6 && context.State.Sysctls.Ipv6For("all").Forwarding != 1) continue;
                var client = context.Replies.OffLinkClients(family).FirstOrDefault();
                if (client is null) continue;
                uint? mark = RestoredMark(fw, iface.Name, inner);
                RouteResult result;
                Evidence evidence;
                if (nat.ToAddress is not null && inner is not null)
                {
                    (result, evidence) = context.Replies.Run(new RouteQuery(client, nat.ToAddress, inner, Mark: mark), r => r is RouteDecision d
                        ? $"the reply from {nat.ToAddress} to {client}, arriving on {inner}, is forwarded out of {d.Dev}{(d.Gateway is null ? "" : $" via {d.Gateway}")}{(mark is null ? "" : $" (with the restored mark 0x{mark:x})")}"
                        : $"the reply from {nat.ToAddress} to {client}, arriving on {inner}, cannot be forwarded: {((RouteError)r).Message}");
                }
                else
                {
                    // Target unknown (an opaque iptables-nft target): the forwarded reply follows the source-less decision.
                    (result, evidence) = context.Replies.Run(new RouteQuery(client, Mark: mark), r => r is RouteDecision d
                        ? $"the DNAT target is not visible in the ruleset; traffic without a matching source rule to {client} leaves {d.Dev}{(d.Gateway is null ? "" : $" via {d.Gateway}")}"
                        : $"traffic to {client} cannot be routed: {((RouteError)r).Message}");
                }
                if (result is not RouteDecision decision || decision.Dev == iface.Name) continue;
                if (!seen.Add((nat.Text, iface.Name))) continue;
                string target = nat.ToAddress is null ? "an internal host" : nat.ToPort is { } tp ? $"{nat.ToAddress}:{tp}" : nat.ToAddress.ToString();
                string what = nat.Dport is { } dp ? $"Connections to {(nat.Protocol == 17 ? "udp" : "tcp")} port {dp}" : "Connections";
                var builder = ImmutableArray.CreateBuilder<Evidence>();
                builder.Add(Evidence.Fact($"DNAT rule: {nat.Text}"));
                builder.Add(evidence);
                builder.Add(Evidence.Fact(family == Family.Inet
                    ? $"forwarding is on for {iface.Name} (net.ipv4.conf.{iface.Name}.forwarding = 1)"
                    : "IPv6 forwarding is on (net.ipv6.conf.all.forwarding = 1)"));
                foreach (var masq in fw.NatRules.Where(n => n.Kind is NatKind.Masquerade or NatKind.Snat).Take(2))
                    builder.Add(Evidence.Fact($"also: {masq.Text}"));
                var extra = ReplyRemedy.MainOnlyRoutes(context, family).Take(2).ToList();
                yield return new Finding(Code, Severity.Critical,
                    new FindingSubject(Interface: iface.Name, Address: nat.Daddr is { IsHost: true } h ? h.Address : iface.AddressesOf(family).FirstOrDefault()?.Local),
                    $"{what} arriving on {iface.Name} are DNAT'd to {target}, and their replies are forwarded out of {decision.Dev}{(decision.Gateway is null ? "" : $" via {decision.Gateway}")} instead of {iface.Name}: their source is {(nat.ToAddress?.ToString() ?? "the internal address")} until they are un-NATed after routing, so source rules never match them and the clients' firewalls drop them.",
                    builder.ToImmutable(),
                    new Remedy(Strategy.Connmark,
                        $"Mark connections by the interface they arrive on (ct mark), restore the mark on their replies and route marked traffic with fwmark rules to {iface.Name}'s table{(extra.Count > 0 ? $"; with main-first, so that host-to-{(inner ?? "internal")} traffic still uses main ({string.Join("; ", extra)})" : "")}.",
                        context.PlanCommand(Strategy.Connmark)));
            }
        }
    }

    /// <summary>
    /// The mark a reply coming back on <paramref name="inner"/> carries when the ruleset sets a
    /// connection mark for new connections from <paramref name="ingress"/> and restores it on
    /// packets in prerouting; null when it does not.
    /// </summary>
    internal static uint? RestoredMark(Firewall fw, string ingress, string? inner)
    {
        var set = fw.MarkRules.FirstOrDefault(m => m.Kind == MarkRuleKind.SetConnmark && m.Value is not null
            && (m.Hooks.IsEmpty || m.Hooks.Contains("prerouting"))
            && (m.Iif is null ? true : m.IifNot ? m.Iif != ingress : m.Iif == ingress));
        if (set is null) return null;
        // A restore that copies whatever mark the connection has, or one conditional on this value.
        bool restores = fw.MarkRules.Any(m => m.Kind == MarkRuleKind.RestoreMark
            && (m.Value is null || m.Value == set.Value)
            && (m.Hooks.IsEmpty || m.Hooks.Contains("prerouting"))
            && (m.Iif is null || (m.IifNot ? m.Iif != inner : m.Iif == inner)));
        return restores ? set.Value : null;
    }
}
