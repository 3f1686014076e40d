using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Symroute.Model;

namespace Symroute.Sources.Netfilter;

/// <summary>
/// Reads <c>nft -j list ruleset</c> (libnftables JSON schema 1) into a <see cref="Model.Firewall"/>:
/// the NAT rules and connection-mark rules, with the hooks each chain is reached from. Everything
/// else in the ruleset is ignored. iptables-nft rules appear here too (their targets sometimes as
/// opaque <c>xt</c> expressions, kept with an unknown target).
/// </summary>
public static class NftJsonParser
{
    public static Model.Firewall Parse(string text, string file)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            throw InputException.At(file, (int?)(e.LineNumber + 1), (int?)(e.BytePositionInLine + 1), "not valid nft JSON: " + FirstSentence(e.Message));
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("nftables", out var items) || items.ValueKind != JsonValueKind.Array)
                throw InputException.At(file, 1, 1, "not an nft ruleset: expected {\"nftables\": [...]}");
            return FromItems(items);
        }
    }

    /// <summary>Parses the <c>nftables</c> array of an already-parsed document.</summary>
    public static Model.Firewall FromItems(JsonElement items)
    {
        var baseHooks = new Dictionary<string, string>(StringComparer.Ordinal);
        var jumps = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var rules = new List<JsonElement>();
        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object) continue;
            if (item.TryGetProperty("chain", out var chain))
            {
                if (Str(chain, "hook") is { } hook)
                    baseHooks[Key(chain, Str(chain, "name"))] = hook;
            }
            else if (item.TryGetProperty("rule", out var rule))
            {
                rules.Add(rule);
                if (rule.TryGetProperty("expr", out var exprs) && exprs.ValueKind == JsonValueKind.Array)
                    foreach (var e in exprs.EnumerateArray())
                        foreach (var verb in new[] { "jump", "goto" })
                            if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty(verb, out var j) && Str(j, "target") is { } target)
                            {
                                var from = Key(rule, Str(rule, "chain"));
                                var to = Key(rule, target);
                                if (!jumps.TryGetValue(to, out var l)) jumps[to] = l = [];
                                l.Add(from);
                            }
            }
        }

        var nat = ImmutableArray.CreateBuilder<NatRule>();
        var marks = ImmutableArray.CreateBuilder<MarkRule>();
        foreach (var rule in rules)
        {
            string family = Str(rule, "family") ?? "ip";
            string table = Str(rule, "table") ?? "";
            string chain = Str(rule, "chain") ?? "";
            var hooks = HooksOf(Key(rule, chain), baseHooks, jumps);
            if (!rule.TryGetProperty("expr", out var exprs) || exprs.ValueKind != JsonValueKind.Array) continue;
            var m = new Matches();
            foreach (var e in exprs.EnumerateArray())
            {
                if (e.ValueKind != JsonValueKind.Object) continue;
                if (e.TryGetProperty("match", out var match)) { m.Add(match); continue; }
                string where = $"{family} {table} {chain}";
                if (e.TryGetProperty("dnat", out var dnat)) nat.Add(Nat(NatKind.Dnat, dnat, family, table, chain, hooks, m, where));
                else if (e.TryGetProperty("snat", out var snat)) nat.Add(Nat(NatKind.Snat, snat, family, table, chain, hooks, m, where));
                else if (e.TryGetProperty("masquerade", out var masq)) nat.Add(Nat(NatKind.Masquerade, masq, family, table, chain, hooks, m, where));
                else if (e.TryGetProperty("redirect", out var redir)) nat.Add(Nat(NatKind.Redirect, redir, family, table, chain, hooks, m, where));
                else if (e.TryGetProperty("mangle", out var mangle) && Mark(mangle, family, table, chain, hooks, m, where) is { } mr) marks.Add(mr);
                else if (e.TryGetProperty("xt", out var xt) && Str(xt, "type") == "target")
                {
                    switch (Str(xt, "name"))
                    {
                        case "DNAT": nat.Add(Nat(NatKind.Dnat, default, family, table, chain, hooks, m, where, "xt target DNAT")); break;
                        case "SNAT": nat.Add(Nat(NatKind.Snat, default, family, table, chain, hooks, m, where, "xt target SNAT")); break;
                        case "MASQUERADE": nat.Add(Nat(NatKind.Masquerade, default, family, table, chain, hooks, m, where, "masquerade")); break;
                        case "REDIRECT": nat.Add(Nat(NatKind.Redirect, default, family, table, chain, hooks, m, where, "redirect")); break;
                        // The xt CONNMARK/MARK payload is opaque in JSON: the mode (set, save, restore) is unknown.
                    }
                }
            }
        }
        return new Model.Firewall("nftables", nat.ToImmutable(), marks.ToImmutable());
    }

    /// <summary>Selectors collected from the <c>match</c> expressions before a statement.</summary>
    private sealed class Matches
    {
        public string? Iif, Oif;
        public bool IifNot, OifNot, NewOnly;
        /// <summary><c>ct mark [and MASK] == VALUE</c>: the statement applies only to connections carrying that mark.</summary>
        public uint? CtMark;
        public IpPrefix? Saddr, Daddr;
        public byte? Protocol;
        public PortRange? Dport;
        public readonly List<string> Text = [];

        public void Add(JsonElement match)
        {
            string op = Str(match, "op") ?? "==";
            bool not = op == "!=";
            if (!match.TryGetProperty("left", out var left) || !match.TryGetProperty("right", out var right)) return;
            string sign = not ? "!= " : "";
            if (left.ValueKind == JsonValueKind.Object && left.TryGetProperty("meta", out var meta))
            {
                string? key = Str(meta, "key");
                string? value = right.ValueKind == JsonValueKind.String ? right.GetString() : null;
                switch (key)
                {
                    case "iifname" or "iif" when value is not null:
                        Iif = value; IifNot = not; Text.Add($"{key} {sign}\"{value}\""); break;
                    case "oifname" or "oif" when value is not null:
                        Oif = value; OifNot = not; Text.Add($"{key} {sign}\"{value}\""); break;
                    case "l4proto" when value is not null:
                        Protocol = ProtoNumber(value); Text.Add($"meta l4proto {value}"); break;
                }
            }
            else if (left.ValueKind == JsonValueKind.Object && left.TryGetProperty("payload", out var payload))
            {
                string? proto = Str(payload, "protocol");
                string? field = Str(payload, "field");
                if (proto is "ip" or "ip6" && field is "saddr" or "daddr" && Prefix(right) is { } p)
                {
                    if (not) { Text.Add($"{proto} {field} != {p}"); return; }
                    if (field == "saddr") Saddr = p; else Daddr = p;
                    Text.Add($"{proto} {field} {p}");
                }
                else if (proto is "tcp" or "udp" or "sctp" && field == "dport")
                {
                    Protocol = ProtoNumber(proto);
                    if (!not && Ports(right) is { } r) { Dport = r; Text.Add($"{proto} dport {r}"); }
                    else Text.Add($"{proto} dport ...");
                }
            }
            else if (!not && IsCtMark(left) && right.ValueKind == JsonValueKind.Number && right.TryGetUInt32(out var markValue))
            {
                CtMark = markValue;
                string masked = left.TryGetProperty("&", out var mask) ? $" and 0x{mask[1].GetUInt32().ToString("x", CultureInfo.InvariantCulture)}" : "";
                Text.Add($"ct mark{masked} == 0x{markValue.ToString("x", CultureInfo.InvariantCulture)}");
            }
            else if (left.ValueKind == JsonValueKind.Object && left.TryGetProperty("ct", out var ct) && Str(ct, "key") == "state")
            {
                bool isNew = right.ValueKind == JsonValueKind.String ? right.GetString() == "new"
                    : right.ValueKind == JsonValueKind.Array && right.EnumerateArray().Any(x => x.ValueKind == JsonValueKind.String && x.GetString() == "new") && right.GetArrayLength() == 1;
                if (isNew && !not) { NewOnly = true; Text.Add("ct state new"); }
            }
        }
    }

    private static NatRule Nat(NatKind kind, JsonElement arg, string family, string table, string chain, ImmutableArray<string> hooks, Matches m, string where, string? statement = null)
    {
        IPAddress? to = null;
        PortRange? toPort = null;
        if (arg.ValueKind == JsonValueKind.Object)
        {
            if (arg.TryGetProperty("addr", out var addr) && addr.ValueKind == JsonValueKind.String && IPAddress.TryParse(addr.GetString(), out var a))
                to = a;
            if (arg.TryGetProperty("port", out var port))
                toPort = Ports(port);
        }
        statement ??= kind switch
        {
            NatKind.Dnat => "dnat to " + Target(to, toPort),
            NatKind.Snat => "snat to " + Target(to, toPort),
            NatKind.Masquerade => "masquerade",
            _ => toPort is { } rp ? $"redirect to :{rp}" : "redirect",
        };
        var text = new StringBuilder(where).Append(": ");
        foreach (var t in m.Text) text.Append(t).Append(' ');
        text.Append(statement);
        return new NatRule(kind, family, table, chain, hooks, text.ToString(),
            m.Iif, m.IifNot, m.Oif, m.OifNot, m.Saddr, m.Daddr, m.Protocol, m.Dport, to, toPort);
    }

    private static string Target(IPAddress? to, PortRange? port)
    {
        string a = to is null ? "?" : to.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && port is not null ? $"[{to}]" : to.ToString();
        return port is { } p ? $"{a}:{p}" : a;
    }

    private static MarkRule? Mark(JsonElement mangle, string family, string table, string chain, ImmutableArray<string> hooks, Matches m, string where)
    {
        if (!mangle.TryGetProperty("key", out var key) || !mangle.TryGetProperty("value", out var value)) return null;
        bool keyCt = key.ValueKind == JsonValueKind.Object && key.TryGetProperty("ct", out var kc) && Str(kc, "key") == "mark";
        bool keyMeta = key.ValueKind == JsonValueKind.Object && key.TryGetProperty("meta", out var km) && Str(km, "key") == "mark";
        if (!keyCt && !keyMeta) return null;
        // The value may be masked: {"&": [{"ct": {"key": "mark"}}, 255]}.
        var v = value;
        if (v.ValueKind == JsonValueKind.Object && v.TryGetProperty("&", out var and) && and.ValueKind == JsonValueKind.Array && and.GetArrayLength() > 0)
            v = and[0];
        // Or a value written into some bits only, keeping the others (symroute's own ruleset):
        // `ct mark set ct mark and KEEP or VALUE` is {"|": [{"&": [{"ct": {"key": "mark"}}, KEEP]}, VALUE]}.
        uint? keepBits = null;
        if (v.ValueKind == JsonValueKind.Object && v.TryGetProperty("|", out var or) && or.ValueKind == JsonValueKind.Array && or.GetArrayLength() == 2
            && or[0].ValueKind == JsonValueKind.Object && or[0].TryGetProperty("&", out var keep) && keep.ValueKind == JsonValueKind.Array && keep.GetArrayLength() == 2
            && (keyCt ? IsKey(keep[0], "ct") : IsMetaMark(keep[0])) && keep[1].TryGetUInt32(out var kept) && or[1].ValueKind == JsonValueKind.Number)
        {
            v = or[1];
            keepBits = kept;
        }
        bool bitsOnly = keepBits is not null;
        bool fromCt = IsCtMark(v);
        bool fromMeta = IsMetaMark(v);
        uint? number = v.ValueKind == JsonValueKind.Number && v.TryGetUInt32(out var n) ? n : null;
        string hex = number is { } x ? "0x" + x.ToString("x", CultureInfo.InvariantCulture) : "";
        string set = keepBits is { } kb ? $"mark and 0x{kb.ToString("x", CultureInfo.InvariantCulture)} or {hex}" : hex;
        MarkRuleKind kind;
        string stmt;
        if (keyMeta && fromCt) { kind = MarkRuleKind.RestoreMark; stmt = "meta mark set ct mark"; }
        else if (keyCt && fromMeta) { kind = MarkRuleKind.SaveMark; stmt = "ct mark set meta mark"; }
        else if (keyCt && number is not null) { kind = MarkRuleKind.SetConnmark; stmt = bitsOnly ? $"ct mark set ct {set}" : $"ct mark set {set}"; }
        // Setting the packet mark to the value a `ct mark == VALUE` match selected is restoring
        // that connection mark onto the packet (one such rule per value: nft cannot or a register into another).
        else if (keyMeta && number is not null && m.CtMark == number) { kind = MarkRuleKind.RestoreMark; stmt = bitsOnly ? $"meta mark set meta {set}" : $"meta mark set {set}"; }
        else if (keyMeta && number is not null) { kind = MarkRuleKind.SetMark; stmt = bitsOnly ? $"meta mark set meta {set}" : $"meta mark set {set}"; }
        else return null;
        var text = new StringBuilder(where).Append(": ");
        foreach (var t in m.Text) text.Append(t).Append(' ');
        text.Append(stmt);
        return new MarkRule(kind, family, table, chain, hooks, text.ToString(), m.Iif, m.IifNot, number, m.NewOnly);
    }

    private static ImmutableArray<string> HooksOf(string chain, Dictionary<string, string> baseHooks, Dictionary<string, List<string>> jumps)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var hooks = new SortedSet<string>(StringComparer.Ordinal);
        var todo = new Stack<string>();
        todo.Push(chain);
        while (todo.Count > 0)
        {
            var c = todo.Pop();
            if (!seen.Add(c)) continue;
            if (baseHooks.TryGetValue(c, out var h)) hooks.Add(h);
            if (jumps.TryGetValue(c, out var callers))
                foreach (var caller in callers) todo.Push(caller);
        }
        return [.. hooks];
    }

    /// <summary><c>ct mark</c>, or <c>ct mark and MASK</c>.</summary>
    private static bool IsCtMark(JsonElement e) => IsKey(e, "ct") || e.ValueKind == JsonValueKind.Object && e.TryGetProperty("&", out var a)
        && a.ValueKind == JsonValueKind.Array && a.GetArrayLength() == 2 && IsKey(a[0], "ct") && a[1].ValueKind == JsonValueKind.Number;

    private static bool IsMetaMark(JsonElement e) => IsKey(e, "meta");

    private static bool IsKey(JsonElement e, string expression) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(expression, out var k) && Str(k, "key") == "mark";

    private static string Key(JsonElement e, string? chain) => $"{Str(e, "family")}\0{Str(e, "table")}\0{chain}";

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static IpPrefix? Prefix(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.String && IpPrefix.TryParse(e.GetString()!, null, out var p)) return p;
        if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty("prefix", out var pr)
            && Str(pr, "addr") is { } a && pr.TryGetProperty("len", out var len) && len.TryGetInt32(out int l)
            && IpPrefix.TryParse($"{a}/{l}", null, out var p2))
            return p2;
        return null;
    }

    private static PortRange? Ports(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Number && e.TryGetUInt16(out var p)) return new PortRange(p, p);
        if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty("range", out var r) && r.ValueKind == JsonValueKind.Array && r.GetArrayLength() == 2
            && r[0].TryGetUInt16(out var a) && r[1].TryGetUInt16(out var b))
            return new PortRange(a, b);
        return null;
    }

    private static byte? ProtoNumber(string name) => name switch
    {
        "tcp" => 6,
        "udp" => 17,
        "sctp" => 132,
        "icmp" => 1,
        _ => null,
    };

    private static string FirstSentence(string message)
    {
        int i = message.IndexOf(". ", StringComparison.Ordinal);
        return i < 0 ? message : message[..(i + 1)];
    }
}
