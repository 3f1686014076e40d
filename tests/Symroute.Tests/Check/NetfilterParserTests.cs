using System.Net;
using Symroute.Model;
using Symroute.Sources;
using Symroute.Sources.Netfilter;
using Xunit;

namespace Symroute.Tests.Check;

public class NetfilterParserTests
{
    // Captured from `nft -j list ruleset` (nftables 1.0.6) on a namespace with a port forward and connmark rules.
    private const string NftJson = """
        {"nftables": [{"metainfo": {"version": "1.0.6", "release_name": "Lester Gooch #5", "json_schema_version": 1}},
         {"table": {"family": "ip", "name": "nat", "handle": 2}},
         {"chain": {"family": "ip", "table": "nat", "name": "pre", "handle": 1, "type": "nat", "hook": "prerouting", "prio": -100, "policy": "accept"}},
         {"chain": {"family": "ip", "table": "nat", "name": "DOCKER", "handle": 3}},
         {"chain": {"family": "ip", "table": "nat", "name": "post", "handle": 2, "type": "nat", "hook": "postrouting", "prio": 100, "policy": "accept"}},
         {"rule": {"family": "ip", "table": "nat", "chain": "pre", "handle": 4, "expr": [{"jump": {"target": "DOCKER"}}]}},
         {"rule": {"family": "ip", "table": "nat", "chain": "DOCKER", "handle": 5, "expr": [
           {"match": {"op": "!=", "left": {"meta": {"key": "iifname"}}, "right": "docker0"}},
           {"match": {"op": "==", "left": {"payload": {"protocol": "tcp", "field": "dport"}}, "right": 8080}},
           {"dnat": {"addr": "172.17.0.2", "port": 80}}]}},
         {"rule": {"family": "ip", "table": "nat", "chain": "post", "handle": 6, "expr": [
           {"match": {"op": "==", "left": {"payload": {"protocol": "ip", "field": "saddr"}}, "right": {"prefix": {"addr": "172.17.0.0", "len": 16}}}},
           {"masquerade": null}]}},
         {"table": {"family": "inet", "name": "symroute", "handle": 3}},
         {"chain": {"family": "inet", "table": "symroute", "name": "pre", "handle": 1, "type": "filter", "hook": "prerouting", "prio": -150, "policy": "accept"}},
         {"rule": {"family": "inet", "table": "symroute", "chain": "pre", "handle": 2, "expr": [
           {"match": {"op": "in", "left": {"ct": {"key": "state"}}, "right": "new"}},
           {"match": {"op": "==", "left": {"meta": {"key": "iifname"}}, "right": "eth1"}},
           {"mangle": {"key": {"ct": {"key": "mark"}}, "value": 1}}]}},
         {"rule": {"family": "inet", "table": "symroute", "chain": "pre", "handle": 3, "expr": [
           {"mangle": {"key": {"meta": {"key": "mark"}}, "value": {"ct": {"key": "mark"}}}}]}}]}
        """;

    [Fact]
    public void Nft_json_dnat_masquerade_and_connmark_with_hooks_through_jumps()
    {
        var fw = NftJsonParser.Parse(NftJson, "nft");
        var dnat = fw.NatRules.Single(n => n.Kind == NatKind.Dnat);
        Assert.Equal(["prerouting"], dnat.Hooks.ToArray());
        Assert.Equal(("docker0", true), (dnat.Iif, dnat.IifNot));
        Assert.Equal((byte?)6, dnat.Protocol);
        Assert.Equal(new PortRange(8080, 8080), dnat.Dport);
        Assert.Equal(IPAddress.Parse("172.17.0.2"), dnat.ToAddress);
        Assert.Equal("ip nat DOCKER: iifname != \"docker0\" tcp dport 8080 dnat to 172.17.0.2:80", dnat.Text);
        var masq = fw.NatRules.Single(n => n.Kind == NatKind.Masquerade);
        Assert.Equal("172.17.0.0/16", masq.Saddr!.Value.ToString());
        var set = fw.MarkRules.Single(m => m.Kind == MarkRuleKind.SetConnmark);
        Assert.Equal(("eth1", 1u, true), (set.Iif, set.Value!.Value, set.NewOnly));
        Assert.Contains(fw.MarkRules, m => m.Kind == MarkRuleKind.RestoreMark);
    }

    // symroute's own connmark ruleset (Backends/Nftables.cs, eth0 0x10000, eth1 0x20000) as
    // `nft -j list table inet symroute` (nftables 1.0.6) prints it once loaded: only the mark bits
    // symroute owns are written, so each value is `(mark & KEEP) | VALUE`, and the restore is one
    // rule per value, selected by `ct mark & MASK == VALUE`.
    private const string SymrouteNftJson = """
        {"nftables": [{"metainfo": {"version": "1.0.6", "release_name": "Lester Gooch #5", "json_schema_version": 1}},
        {"table": {"family": "inet", "name": "symroute", "handle": 4}},
        {"chain": {"family": "inet", "table": "symroute", "name": "prerouting", "handle": 1, "type": "filter", "hook": "prerouting", "prio": -150, "policy": "accept"}},
        {"chain": {"family": "inet", "table": "symroute", "name": "output", "handle": 2, "type": "route", "hook": "output", "prio": -150, "policy": "accept"}},
        {"rule": {"family": "inet", "table": "symroute", "chain": "prerouting", "comment": "symroute: new connections on eth0", "expr": [{"match": {"op": "==", "left": {"meta": {"key": "iifname"}}, "right": "eth0"}}, {"match": {"op": "in", "left": {"ct": {"key": "state"}}, "right": "new"}}, {"mangle": {"key": {"ct": {"key": "mark"}}, "value": {"|": [{"&": [{"ct": {"key": "mark"}}, 4278321151]}, 65536]}}}]}},
        {"rule": {"family": "inet", "table": "symroute", "chain": "prerouting", "comment": "symroute: new connections on eth1", "expr": [{"match": {"op": "==", "left": {"meta": {"key": "iifname"}}, "right": "eth1"}}, {"match": {"op": "in", "left": {"ct": {"key": "state"}}, "right": "new"}}, {"mangle": {"key": {"ct": {"key": "mark"}}, "value": {"|": [{"&": [{"ct": {"key": "mark"}}, 4278386687]}, 131072]}}}]}},
        {"rule": {"family": "inet", "table": "symroute", "chain": "prerouting", "comment": "symroute: restore eth0", "expr": [{"match": {"op": "==", "left": {"&": [{"ct": {"key": "mark"}}, 16711680]}, "right": 65536}}, {"mangle": {"key": {"meta": {"key": "mark"}}, "value": {"|": [{"&": [{"meta": {"key": "mark"}}, 4278321151]}, 65536]}}}]}},
        {"rule": {"family": "inet", "table": "symroute", "chain": "prerouting", "comment": "symroute: restore eth1", "expr": [{"match": {"op": "==", "left": {"&": [{"ct": {"key": "mark"}}, 16711680]}, "right": 131072}}, {"mangle": {"key": {"meta": {"key": "mark"}}, "value": {"|": [{"&": [{"meta": {"key": "mark"}}, 4278386687]}, 131072]}}}]}},
        {"rule": {"family": "inet", "table": "symroute", "chain": "output", "comment": "symroute: restore eth0", "expr": [{"match": {"op": "==", "left": {"&": [{"ct": {"key": "mark"}}, 16711680]}, "right": 65536}}, {"mangle": {"key": {"meta": {"key": "mark"}}, "value": {"|": [{"&": [{"meta": {"key": "mark"}}, 4278321151]}, 65536]}}}]}},
        {"rule": {"family": "inet", "table": "symroute", "chain": "output", "comment": "symroute: restore eth1", "expr": [{"match": {"op": "==", "left": {"&": [{"ct": {"key": "mark"}}, 16711680]}, "right": 131072}}, {"mangle": {"key": {"meta": {"key": "mark"}}, "value": {"|": [{"&": [{"meta": {"key": "mark"}}, 4278386687]}, 131072]}}}]}}]}
        """;

    [Fact]
    public void Nft_json_symroutes_own_connmark_ruleset_sets_and_restores_per_uplink()
    {
        var fw = NftJsonParser.Parse(SymrouteNftJson, "nft");
        var sets = fw.MarkRules.Where(m => m.Kind == MarkRuleKind.SetConnmark).Select(m => (m.Iif, m.Value, m.NewOnly)).ToArray();
        Assert.Equal([("eth0", (uint?)0x10000, true), ("eth1", (uint?)0x20000, true)], sets);
        var restores = fw.MarkRules.Where(m => m.Kind == MarkRuleKind.RestoreMark).Select(m => (m.Chain, m.Value)).ToArray();
        Assert.Equal([("prerouting", (uint?)0x10000), ("prerouting", (uint?)0x20000), ("output", (uint?)0x10000), ("output", (uint?)0x20000)], restores);
        Assert.DoesNotContain(fw.MarkRules, m => m.Kind == MarkRuleKind.SetMark);
        Assert.Equal("inet symroute prerouting: iifname \"eth1\" ct state new ct mark set ct mark and 0xff02ffff or 0x20000", fw.MarkRules[1].Text);
        Assert.Equal("inet symroute prerouting: ct mark and 0xff0000 == 0x20000 meta mark set meta mark and 0xff02ffff or 0x20000", fw.MarkRules[3].Text);
        // A reply coming back from the container side carries eth1's mark once restored.
        Assert.Equal(0x20000u, Symroute.Checks.DnatAsymmetricReplyCheck.RestoredMark(fw, "eth1", "docker0"));
    }

    [Theory]
    [InlineData("{\"nftables\": [", "nft:1:")]
    [InlineData("[1]", "nft:1:1:")]
    public void Nft_json_errors(string text, string prefix)
    {
        var e = Assert.Throws<InputException>(() => NftJsonParser.Parse(text, "nft"));
        Assert.StartsWith(prefix, e.Message);
    }

    [Fact]
    public void Iptables_save_docker_and_connmark()
    {
        var text = """
            # Generated by iptables-save v1.8.9
            *nat
            :PREROUTING ACCEPT [0:0]
            :DOCKER - [0:0]
            -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
            -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
            -A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -m comment --comment "web port" -j DNAT --to-destination 172.17.0.2:80
            COMMIT
            *mangle
            -A PREROUTING -i eth1 -m conntrack --ctstate NEW -j CONNMARK --set-mark 0x1
            -A PREROUTING -j CONNMARK --restore-mark
            COMMIT
            """;
        var fw = IptablesSaveParser.Parse(text, "iptables-save");
        var dnat = fw.NatRules.Single(n => n.Kind == NatKind.Dnat);
        Assert.Equal(["prerouting"], dnat.Hooks.ToArray());
        Assert.Equal(IPAddress.Parse("172.17.0.2"), dnat.ToAddress);
        Assert.Equal(new PortRange(80, 80), dnat.ToPort);
        Assert.True(dnat.IifNot);
        Assert.Equal((true, "docker0"), (fw.NatRules.Single(n => n.Kind == NatKind.Masquerade).OifNot, fw.NatRules.Single(n => n.Kind == NatKind.Masquerade).Oif));
        Assert.Equal(1u, fw.MarkRules.Single(m => m.Kind == MarkRuleKind.SetConnmark).Value);
        Assert.Single(fw.MarkRules, m => m.Kind == MarkRuleKind.RestoreMark);
    }

    [Fact]
    public void Iptables_save_garbage_is_an_error_with_line()
    {
        var e = Assert.Throws<InputException>(() => IptablesSaveParser.Parse("*nat\nhello\n", "ipt"));
        Assert.StartsWith("ipt:2:1:", e.Message);
    }

    [Fact]
    public void Proc_net_udp_wildcard_and_bound_sockets()
    {
        var v4 = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n" +
                 "  1: 00000000:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000   101        0 23456 2 0000000000000000 0\n" +
                 "  2: 3214140A:007B 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 23457 2 0000000000000000 0\n";
        var s = ProcNetUdpParser.Parse(v4, "/proc/net/udp", ipv6: false);
        Assert.True(s[0].IsWildcard);
        Assert.Equal(53, s[0].Port);
        Assert.Equal(IPAddress.Parse("10.20.20.50"), s[1].Local);
        Assert.Equal(123, s[1].Port);
        var v6 = "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n" +
                 "  5: 00000000000000000000000000000000:0035 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000   101        0 3456 2 0000000000000000 0\n" +
                 "  6: B80D0120000000000000000050000000:0035 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000   101        0 3457 2 0000000000000000 0\n";
        var s6 = ProcNetUdpParser.Parse(v6, "/proc/net/udp6", ipv6: true);
        Assert.True(s6[0].IsWildcard);
        Assert.Equal(IPAddress.Parse("2001:db8::50"), s6[1].Local);
    }
}
