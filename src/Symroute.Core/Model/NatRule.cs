using System.Collections.Immutable;
using System.Net;

namespace Symroute.Model;

/// <summary>
/// A NAT rule from the host's packet filter, reduced to what decides reply routing: where it
/// applies (hook, interfaces, addresses, ports) and what it rewrites to.
/// </summary>
/// <param name="Family">nftables table family: <c>ip</c>, <c>ip6</c> or <c>inet</c>.</param>
/// <param name="Table">nftables table name (iptables: <c>nat</c>).</param>
/// <param name="Chain">Chain the rule sits in.</param>
/// <param name="Hooks">Netfilter hooks the chain is reached from (<c>prerouting</c>, <c>output</c>, <c>postrouting</c>, <c>input</c>), following jumps from base chains.</param>
/// <param name="Iif">Input interface the rule requires (<c>iifname</c>/<c>-i</c>); <see cref="IifNot"/> negates it.</param>
/// <param name="Oif">Output interface (<c>oifname</c>/<c>-o</c>); <see cref="OifNot"/> negates it.</param>
/// <param name="Protocol">Layer-4 protocol number (6 tcp, 17 udp), when matched.</param>
/// <param name="ToAddress">The rewrite target for DNAT/SNAT; null when the ruleset does not say (an iptables-nft <c>xt</c> target).</param>
/// <param name="Text">The rule in the filter's own words, for evidence.</param>
public sealed record NatRule(
    NatKind Kind,
    string Family,
    string Table,
    string Chain,
    ImmutableArray<string> Hooks,
    string Text,
    string? Iif = null,
    bool IifNot = false,
    string? Oif = null,
    bool OifNot = false,
    IpPrefix? Saddr = null,
    IpPrefix? Daddr = null,
    byte? Protocol = null,
    PortRange? Dport = null,
    IPAddress? ToAddress = null,
    PortRange? ToPort = null);
