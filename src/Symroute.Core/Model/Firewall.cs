using System.Collections.Immutable;

namespace Symroute.Model;

/// <summary>
/// The parts of the host's packet filter that change where replies go: NAT rules (a DNAT'd
/// reply's source is rewritten only after routing, so <c>from</c> rules never see the public
/// address) and connection-mark rules (the connmark fix).
/// </summary>
/// <param name="Source">Where it was read from: <c>nftables</c> (<c>nft -j list ruleset</c>) or <c>iptables</c> (<c>iptables-save</c>).</param>
public sealed record Firewall(
    string Source,
    ImmutableArray<NatRule> NatRules,
    ImmutableArray<MarkRule> MarkRules)
{
    public static Firewall Empty(string source) => new(source, [], []);
}
