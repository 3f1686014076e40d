using System.Collections.Immutable;
using System.Net;
using System.Text.Json;
using Symroute.Model;

namespace Symroute.Sources;

/// <summary>Reads the array <c>ip -json rule show</c> prints (print_rule in iproute2's ip/iprule.c).</summary>
internal static class IpJsonRules
{
    public static void ReadArray(ref Utf8JsonReader r, JsonContext cx, Family family, ImmutableArray<Rule>.Builder into)
    {
        if (r.TokenType == JsonTokenType.None) cx.Read(ref r);
        cx.What = cx.Section;
        cx.Expect(ref r, JsonTokenType.StartArray, "the rule list");
        int index = 0;
        while (true)
        {
            cx.Read(ref r);
            if (r.TokenType == JsonTokenType.EndArray) break;
            index++;
            cx.SetItem("rule", index);
            into.Add(ReadRule(ref r, cx, family));
        }
        cx.What = "";
    }

    public static Rule ReadRule(ref Utf8JsonReader r, JsonContext cx, Family family)
    {
        cx.Expect(ref r, JsonTokenType.StartObject, "a rule");
        long start = r.TokenStartIndex;
        uint priority = 0;
        bool not = false, l3mdev = false, iifDetached = false, oifDetached = false, unresolved = false;
        IPAddress? src = null, dst = null;
        bool srcAll = false;
        int? srcLen = null, dstLen = null;
        byte? tos = null, ipproto = null, protocol = null, dscp = null;
        uint? fwmark = null, fwmask = null, table = null, gotoTarget = null;
        string? iif = null, oif = null;
        uint? uidStart = null, uidEnd = null;
        ushort? sport = null, sportStart = null, sportEnd = null, dport = null, dportStart = null, dportEnd = null;
        ulong? tunId = null;
        int? suppressPrefix = null, suppressGroup = null;
        ushort? flowFrom = null, flowTo = null;
        var action = RuleAction.Lookup;
        bool sawAction = false;

        while (true)
        {
            cx.Read(ref r);
            if (r.TokenType == JsonTokenType.EndObject) break;
            if (r.ValueTextEquals("priority"u8)) { cx.Read(ref r); priority = cx.UInt32(ref r, "priority"); }
            else if (r.ValueTextEquals("not"u8)) { cx.Read(ref r); cx.Skip(ref r); not = true; }
            else if (r.ValueTextEquals("src"u8))
            {
                cx.Read(ref r);
                var t = cx.Chars(ref r, "src");
                if (t is "all") srcAll = true;
                else src = Addr(ref r, cx, t, family, "src");
            }
            else if (r.ValueTextEquals("srclen"u8)) { cx.Read(ref r); srcLen = Len(ref r, cx, family, "srclen"); }
            else if (r.ValueTextEquals("dst"u8))
            {
                cx.Read(ref r);
                var t = cx.Chars(ref r, "dst");
                dst = Addr(ref r, cx, t, family, "dst");
            }
            else if (r.ValueTextEquals("dstlen"u8)) { cx.Read(ref r); dstLen = Len(ref r, cx, family, "dstlen"); }
            else if (r.ValueTextEquals("tos"u8))
            {
                cx.Read(ref r);
                var t = cx.Chars(ref r, "tos");
                if (!DsfieldNames.TryParse(t, out byte v)) throw cx.Error(ref r, $"invalid tos '{JsonContext.Shorten(t)}'");
                tos = v == 0 ? null : v;
            }
            else if (r.ValueTextEquals("fwmark"u8)) { cx.Read(ref r); fwmark = Hex(ref r, cx, "fwmark"); }
            else if (r.ValueTextEquals("fwmask"u8)) { cx.Read(ref r); fwmask = Hex(ref r, cx, "fwmask"); }
            else if (r.ValueTextEquals("iif"u8)) { cx.Read(ref r); iif = cx.String(ref r, "iif"); }
            else if (r.ValueTextEquals("iif_detached"u8)) { cx.Read(ref r); cx.Skip(ref r); iifDetached = true; }
            else if (r.ValueTextEquals("oif"u8)) { cx.Read(ref r); oif = cx.String(ref r, "oif"); }
            else if (r.ValueTextEquals("oif_detached"u8)) { cx.Read(ref r); cx.Skip(ref r); oifDetached = true; }
            else if (r.ValueTextEquals("l3mdev"u8)) { cx.Read(ref r); cx.Skip(ref r); l3mdev = true; }
            else if (r.ValueTextEquals("uid_start"u8)) { cx.Read(ref r); uidStart = cx.UInt32(ref r, "uid_start"); }
            else if (r.ValueTextEquals("uid_end"u8)) { cx.Read(ref r); uidEnd = cx.UInt32(ref r, "uid_end"); }
            else if (r.ValueTextEquals("ipproto"u8))
            {
                cx.Read(ref r);
                var t = cx.Chars(ref r, "ipproto");
                if (!IpProtocolNames.TryParse(t, out byte v)) throw cx.Error(ref r, $"unknown ipproto '{JsonContext.Shorten(t)}'");
                ipproto = v;
            }
            else if (r.ValueTextEquals("sport"u8)) { cx.Read(ref r); sport = Port(ref r, cx, "sport"); }
            else if (r.ValueTextEquals("sport_start"u8)) { cx.Read(ref r); sportStart = Port(ref r, cx, "sport_start"); }
            else if (r.ValueTextEquals("sport_end"u8)) { cx.Read(ref r); sportEnd = Port(ref r, cx, "sport_end"); }
            else if (r.ValueTextEquals("dport"u8)) { cx.Read(ref r); dport = Port(ref r, cx, "dport"); }
            else if (r.ValueTextEquals("dport_start"u8)) { cx.Read(ref r); dportStart = Port(ref r, cx, "dport_start"); }
            else if (r.ValueTextEquals("dport_end"u8)) { cx.Read(ref r); dportEnd = Port(ref r, cx, "dport_end"); }
            else if (r.ValueTextEquals("tun_id"u8)) { cx.Read(ref r); tunId = cx.UInt64(ref r, "tun_id"); }
            else if (r.ValueTextEquals("table"u8))
            {
                cx.Read(ref r);
                uint t = cx.Table(ref r);
                table = t == 0 ? null : t;
            }
            else if (r.ValueTextEquals("suppress_prefixlen"u8))
            {
                cx.Read(ref r);
                int v = cx.Int32(ref r, "suppress_prefixlen");
                suppressPrefix = v == -1 ? null : v;
            }
            else if (r.ValueTextEquals("suppress_ifgroup"u8))
            {
                cx.Read(ref r);
                int g;
                if (r.TokenType == JsonTokenType.Number) g = cx.Int32(ref r, "suppress_ifgroup");
                else
                {
                    var t = cx.Chars(ref r, "suppress_ifgroup");
                    if (!GroupNames.TryParse(t, out g)) throw cx.Error(ref r, $"unknown device group '{JsonContext.Shorten(t)}'");
                }
                suppressGroup = g == -1 ? null : g;
            }
            else if (r.ValueTextEquals("flow_from"u8)) { cx.Read(ref r); flowFrom = Realm(ref r, cx); }
            else if (r.ValueTextEquals("flow_to"u8)) { cx.Read(ref r); flowTo = Realm(ref r, cx); }
            else if (r.ValueTextEquals("nat_gateway"u8) || r.ValueTextEquals("masquerade"u8))
                throw cx.Error(ref r, "NAT rules are not supported (removed from Linux in 2.6)");
            else if (r.ValueTextEquals("goto"u8))
            {
                cx.Read(ref r);
                action = RuleAction.Goto;
                sawAction = true;
                if (r.TokenType == JsonTokenType.String)
                {
                    var t = cx.Chars(ref r, "goto");
                    if (t is not "none") throw cx.Error(ref r, $"invalid goto target '{JsonContext.Shorten(t)}'");
                }
                else gotoTarget = cx.UInt32(ref r, "goto");
            }
            else if (r.ValueTextEquals("unresolved"u8)) { cx.Read(ref r); cx.Skip(ref r); unresolved = true; }
            else if (r.ValueTextEquals("nop"u8)) { cx.Read(ref r); cx.Skip(ref r); action = RuleAction.Nop; sawAction = true; }
            else if (r.ValueTextEquals("action"u8))
            {
                cx.Read(ref r);
                var t = cx.Chars(ref r, "action");
                action = t switch
                {
                    "unreachable" => RuleAction.Unreachable,
                    "prohibit" => RuleAction.Prohibit,
                    "blackhole" => RuleAction.Blackhole,
                    _ => throw cx.Error(ref r, $"unknown rule action '{JsonContext.Shorten(t)}'"),
                };
                sawAction = true;
            }
            else if (r.ValueTextEquals("protocol"u8))
            {
                cx.Read(ref r);
                var t = cx.Chars(ref r, "protocol");
                if (!ProtocolNames.TryParse(t, out byte p)) throw cx.Error(ref r, $"unknown protocol '{JsonContext.Shorten(t)}'");
                protocol = p;
            }
            else if (r.ValueTextEquals("dscp"u8))
            {
                cx.Read(ref r);
                byte v;
                if (r.TokenType == JsonTokenType.Number)
                {
                    uint n = cx.UInt32(ref r, "dscp");
                    if (n > 63) throw cx.Error(ref r, $"dscp {n} out of range 0-63");
                    v = (byte)n;
                }
                else
                {
                    var t = cx.Chars(ref r, "dscp");
                    if (!DsfieldNames.TryParseDscp(t, out v)) throw cx.Error(ref r, $"invalid dscp '{JsonContext.Shorten(t)}'");
                }
                dscp = v;
            }
            else { cx.Read(ref r); cx.Skip(ref r); }
        }

        _ = sawAction;
        int max = family == Family.Inet ? 32 : 128;
        IpPrefix? from = null, to = null;
        if (src is not null) from = new IpPrefix(src, srcLen ?? max);
        else if (srcLen is not null && !srcAll) from = new IpPrefix(IpPrefix.Default(family).Address, srcLen.Value);
        else if (srcLen is not null) from = new IpPrefix(IpPrefix.Default(family).Address, srcLen.Value);
        if (dst is not null) to = new IpPrefix(dst, dstLen ?? max);
        else if (dstLen is not null) to = new IpPrefix(IpPrefix.Default(family).Address, dstLen.Value);

        // The kernel reports the mask whenever a mark is set (fib_nl_fill_rule), and iproute2 omits
        // it when it is 0xffffffff; both are kept so every source agrees.
        if (fwmark is not null || fwmask is not null)
        {
            fwmark ??= 0;
            fwmask ??= 0xFFFFFFFF;
        }
        UidRange? uid = null;
        if (uidStart is not null || uidEnd is not null)
        {
            if (uidStart is null || uidEnd is null) throw cx.Error(start, "uid_start without uid_end or the reverse");
            uid = new UidRange(uidStart.Value, uidEnd.Value);
        }
        var sp = Range(cx, start, sport, sportStart, sportEnd, "sport");
        var dp = Range(cx, start, dport, dportStart, dportEnd, "dport");
        uint? realms = flowFrom is null && flowTo is null ? null : ((uint)(flowFrom ?? 0) << 16) | (flowTo ?? 0);

        var rule = new Rule(family, priority, action, table, not, from, to, tos, fwmark, fwmask, iif, oif, uid, ipproto,
            sp, dp, tunId, l3mdev, gotoTarget, suppressPrefix, suppressGroup, protocol, dscp, realms,
            iifDetached, oifDetached, unresolved);
        return rule with { Protocol = protocol ?? RuleDefaults.UnprintedProtocol(rule) };
    }

    private static IPAddress Addr(ref Utf8JsonReader r, JsonContext cx, scoped ReadOnlySpan<char> t, Family family, string what)
    {
        if (t is "0") return IpPrefix.Default(family).Address;
        var a = AddressText.Parse(t) ?? throw cx.Error(ref r, $"invalid address '{JsonContext.Shorten(t)}' for {what}");
        if (AddressText.FamilyOf(a) != family)
            throw cx.Error(ref r, $"{(family == Family.Inet ? "IPv6" : "IPv4")} address '{a}' in an {(family == Family.Inet ? "IPv4" : "IPv6")} rule");
        return a;
    }

    private static int Len(ref Utf8JsonReader r, JsonContext cx, Family family, string what)
    {
        uint v = cx.UInt32(ref r, what);
        int max = family == Family.Inet ? 32 : 128;
        if (v > max) throw cx.Error(ref r, $"{what} {v} longer than {max}");
        return (int)v;
    }

    private static uint Hex(ref Utf8JsonReader r, JsonContext cx, string what)
    {
        if (r.TokenType == JsonTokenType.Number) return cx.UInt32(ref r, what);
        var t = cx.Chars(ref r, what);
        if (!NumberText.TryParseUInt32(t, out uint v)) throw cx.Error(ref r, $"invalid {what} '{JsonContext.Shorten(t)}'");
        return v;
    }

    private static ushort Port(ref Utf8JsonReader r, JsonContext cx, string what)
    {
        uint v = cx.UInt32(ref r, what);
        if (v > 65535) throw cx.Error(ref r, $"{what} {v} out of range 0-65535");
        return (ushort)v;
    }

    private static ushort Realm(ref Utf8JsonReader r, JsonContext cx)
    {
        var t = cx.Chars(ref r, "realm");
        if (!RealmNames.TryParse(t, out ushort v)) throw cx.Error(ref r, $"unknown realm '{JsonContext.Shorten(t)}'");
        return v;
    }

    private static PortRange? Range(JsonContext cx, long start, ushort? single, ushort? first, ushort? last, string what)
    {
        if (single is not null) return new PortRange(single.Value, single.Value);
        if (first is null && last is null) return null;
        if (first is null || last is null) throw cx.Error(start, $"{what}_start without {what}_end or the reverse");
        return new PortRange(first.Value, last.Value);
    }
}
