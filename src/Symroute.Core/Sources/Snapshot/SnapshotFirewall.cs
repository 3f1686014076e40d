using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Symroute.Model;

namespace Symroute.Sources;

/// <summary>
/// The optional <c>firewall</c> part of a snapshot: the NAT and connection-mark rules the checks
/// need (not the whole ruleset). Absent when the source could not read the packet filter.
/// <code>
/// "firewall": {"source": "nftables",
///   "nat": [{"kind": "dnat", "family": "ip", "table": "nat", "chain": "pre", "hooks": ["prerouting"],
///            "iif": "eth1", "protocol": 6, "dport": "8080", "to_address": "172.17.0.2", "to_port": "80",
///            "text": "…"}],
///   "marks": [{"kind": "set-connmark", …, "value": 1, "new_only": true}]}
/// </code>
/// Optional keys are omitted when absent; booleans only when true.
/// </summary>
internal static class SnapshotFirewall
{
    public static void Write(Utf8JsonWriter w, Firewall f)
    {
        w.WriteStartObject("firewall"u8);
        w.WriteString("source"u8, f.Source);
        w.WriteStartArray("nat"u8);
        foreach (var n in f.NatRules)
        {
            w.WriteStartObject();
            w.WriteString("kind"u8, NatKindName(n.Kind));
            Common(w, n.Family, n.Table, n.Chain, n.Hooks, n.Iif, n.IifNot);
            if (n.Oif is not null) w.WriteString("oif"u8, n.Oif);
            if (n.OifNot) w.WriteBoolean("oif_not"u8, true);
            if (n.Saddr is { } s) w.WriteString("saddr"u8, s.ToString());
            if (n.Daddr is { } d) w.WriteString("daddr"u8, d.ToString());
            if (n.Protocol is { } p) w.WriteNumber("protocol"u8, p);
            if (n.Dport is { } dp) w.WriteString("dport"u8, dp.ToString());
            if (n.ToAddress is not null) w.WriteString("to_address"u8, n.ToAddress.ToString());
            if (n.ToPort is { } tp) w.WriteString("to_port"u8, tp.ToString());
            w.WriteString("text"u8, n.Text);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("marks"u8);
        foreach (var m in f.MarkRules)
        {
            w.WriteStartObject();
            w.WriteString("kind"u8, MarkKindName(m.Kind));
            Common(w, m.Family, m.Table, m.Chain, m.Hooks, m.Iif, m.IifNot);
            if (m.Value is { } v) w.WriteNumber("value"u8, v);
            if (m.NewOnly) w.WriteBoolean("new_only"u8, true);
            w.WriteString("text"u8, m.Text);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Common(Utf8JsonWriter w, string family, string table, string chain, ImmutableArray<string> hooks, string? iif, bool iifNot)
    {
        w.WriteString("family"u8, family);
        w.WriteString("table"u8, table);
        w.WriteString("chain"u8, chain);
        w.WriteStartArray("hooks"u8);
        foreach (var h in hooks) w.WriteStringValue(h);
        w.WriteEndArray();
        if (iif is not null) w.WriteString("iif"u8, iif);
        if (iifNot) w.WriteBoolean("iif_not"u8, true);
    }

    public static Firewall Read(ref Utf8JsonReader r, JsonContext cx)
    {
        cx.Expect(ref r, JsonTokenType.StartObject, "firewall");
        string? source = null;
        var nat = ImmutableArray.CreateBuilder<NatRule>();
        var marks = ImmutableArray.CreateBuilder<MarkRule>();
        while (true)
        {
            cx.Read(ref r);
            if (r.TokenType == JsonTokenType.EndObject) break;
            string key = r.GetString()!;
            cx.Read(ref r);
            switch (key)
            {
                case "source": source = cx.String(ref r, "firewall.source"); break;
                case "nat":
                    cx.Expect(ref r, JsonTokenType.StartArray, "firewall.nat");
                    while (true)
                    {
                        cx.Read(ref r);
                        if (r.TokenType == JsonTokenType.EndArray) break;
                        nat.Add((NatRule)Entry(ref r, cx, isNat: true));
                    }
                    break;
                case "marks":
                    cx.Expect(ref r, JsonTokenType.StartArray, "firewall.marks");
                    while (true)
                    {
                        cx.Read(ref r);
                        if (r.TokenType == JsonTokenType.EndArray) break;
                        marks.Add((MarkRule)Entry(ref r, cx, isNat: false));
                    }
                    break;
                default:
                    cx.Skip(ref r);
                    break;
            }
        }
        return new Firewall(source ?? "unknown", nat.ToImmutable(), marks.ToImmutable());
    }

    private static object Entry(ref Utf8JsonReader r, JsonContext cx, bool isNat)
    {
        string what = isNat ? "firewall.nat[]" : "firewall.marks[]";
        cx.Expect(ref r, JsonTokenType.StartObject, what);
        long start = r.TokenStartIndex;
        string? kind = null, family = null, table = null, chain = null, text = null, iif = null, oif = null;
        bool iifNot = false, oifNot = false, newOnly = false;
        var hooks = ImmutableArray.CreateBuilder<string>();
        IpPrefix? saddr = null, daddr = null;
        byte? proto = null;
        PortRange? dport = null, toPort = null;
        IPAddress? to = null;
        uint? value = null;
        while (true)
        {
            cx.Read(ref r);
            if (r.TokenType == JsonTokenType.EndObject) break;
            string key = r.GetString()!;
            cx.Read(ref r);
            string path = $"{what}.{key}";
            switch (key)
            {
                case "kind": kind = cx.String(ref r, path); break;
                case "family": family = cx.String(ref r, path); break;
                case "table": table = cx.String(ref r, path); break;
                case "chain": chain = cx.String(ref r, path); break;
                case "text": text = cx.String(ref r, path); break;
                case "hooks":
                    cx.Expect(ref r, JsonTokenType.StartArray, path);
                    while (true)
                    {
                        cx.Read(ref r);
                        if (r.TokenType == JsonTokenType.EndArray) break;
                        hooks.Add(cx.String(ref r, path));
                    }
                    break;
                case "iif": iif = cx.String(ref r, path); break;
                case "iif_not": iifNot = cx.Bool(ref r, path); break;
                case "oif": oif = cx.String(ref r, path); break;
                case "oif_not": oifNot = cx.Bool(ref r, path); break;
                case "saddr": saddr = cx.Prefix(ref r, path); break;
                case "daddr": daddr = cx.Prefix(ref r, path); break;
                case "protocol":
                    uint p = cx.UInt32(ref r, path);
                    if (p > 255) throw cx.Error(ref r, $"protocol {p} out of range for {path}");
                    proto = (byte)p;
                    break;
                case "dport": dport = Ports(ref r, cx, path); break;
                case "to_port": toPort = Ports(ref r, cx, path); break;
                case "to_address": to = cx.Address(ref r, path); break;
                case "value": value = cx.UInt32(ref r, path); break;
                case "new_only": newOnly = cx.Bool(ref r, path); break;
                default: cx.Skip(ref r); break;
            }
        }
        if (kind is null || family is null || table is null || chain is null || text is null)
            throw cx.Error(start, $"{what} needs kind, family, table, chain and text");
        if (isNat)
        {
            NatKind k = kind switch
            {
                "dnat" => NatKind.Dnat,
                "snat" => NatKind.Snat,
                "masquerade" => NatKind.Masquerade,
                "redirect" => NatKind.Redirect,
                _ => throw cx.Error(start, $"unknown NAT kind '{JsonContext.Shorten(kind)}' (dnat, snat, masquerade, redirect)"),
            };
            return new NatRule(k, family, table, chain, hooks.ToImmutable(), text, iif, iifNot, oif, oifNot, saddr, daddr, proto, dport, to, toPort);
        }
        MarkRuleKind mk = kind switch
        {
            "set-connmark" => MarkRuleKind.SetConnmark,
            "restore-mark" => MarkRuleKind.RestoreMark,
            "save-mark" => MarkRuleKind.SaveMark,
            "set-mark" => MarkRuleKind.SetMark,
            _ => throw cx.Error(start, $"unknown mark rule kind '{JsonContext.Shorten(kind)}' (set-connmark, restore-mark, save-mark, set-mark)"),
        };
        return new MarkRule(mk, family, table, chain, hooks.ToImmutable(), text, iif, iifNot, value, newOnly);
    }

    private static PortRange Ports(ref Utf8JsonReader r, JsonContext cx, string path)
    {
        var s = cx.String(ref r, path);
        var parts = s.Split('-');
        if (parts.Length is 1 or 2
            && ushort.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var a)
            && ushort.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var b) && a <= b)
            return new PortRange(a, b);
        throw cx.Error(ref r, $"invalid port or range '{JsonContext.Shorten(s)}' for {path}");
    }

    private static string NatKindName(NatKind k) => k switch
    {
        NatKind.Dnat => "dnat",
        NatKind.Snat => "snat",
        NatKind.Masquerade => "masquerade",
        _ => "redirect",
    };

    private static string MarkKindName(MarkRuleKind k) => k switch
    {
        MarkRuleKind.SetConnmark => "set-connmark",
        MarkRuleKind.RestoreMark => "restore-mark",
        MarkRuleKind.SaveMark => "save-mark",
        _ => "set-mark",
    };
}
