using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Text;
using Symroute.Model;

namespace Symroute.Sources.Netfilter;

/// <summary>
/// Reads <c>iptables-save</c> / <c>ip6tables-save</c> output (the legacy backend, invisible to
/// <c>nft</c>) into NAT and connection-mark rules. Only the nat and mangle tables matter; rules
/// in user chains get the hooks of the built-in chains that jump to them.
/// </summary>
public static class IptablesSaveParser
{
    private static readonly Dictionary<string, string> BuiltinHooks = new(StringComparer.Ordinal)
    {
        ["PREROUTING"] = "prerouting",
        ["INPUT"] = "input",
        ["FORWARD"] = "forward",
        ["OUTPUT"] = "output",
        ["POSTROUTING"] = "postrouting",
    };

    public static Model.Firewall Parse(string text, string file, string family = "ip")
    {
        var nat = ImmutableArray.CreateBuilder<NatRule>();
        var marks = ImmutableArray.CreateBuilder<MarkRule>();
        string? table = null;
        var pending = new List<(int Line, string Table, List<string> Args)>();
        var jumps = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        int lineNo = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNo++;
            var line = raw.TrimEnd('\r').Trim();
            if (line.Length == 0 || line[0] == '#' || line[0] == ':' || line == "COMMIT") continue;
            if (line[0] == '*') { table = line[1..]; continue; }
            if (!line.StartsWith("-A ", StringComparison.Ordinal))
                throw InputException.At(file, lineNo, 1, $"not iptables-save output: '{Truncate(line)}'");
            if (table is null)
                throw InputException.At(file, lineNo, 1, "rule before any '*table' line");
            var args = Tokenize(line, file, lineNo);
            pending.Add((lineNo, table, args));
            int j = args.IndexOf("-j");
            if (j < 0) j = args.IndexOf("-g");
            if (j >= 0 && j + 1 < args.Count && !BuiltinHooks.ContainsKey(args[j + 1]))
            {
                var key = table + "\0" + args[j + 1];
                if (!jumps.TryGetValue(key, out var l)) jumps[key] = l = [];
                l.Add(table + "\0" + args[1]);
            }
        }
        foreach (var (line, tbl, args) in pending)
        {
            string chain = args[1];
            var hooks = Hooks(tbl, chain, jumps);
            string? iif = null, oif = null;
            bool iifNot = false, oifNot = false, newOnly = false, not = false;
            IpPrefix? saddr = null, daddr = null;
            byte? proto = null;
            PortRange? dport = null;
            string? target = null;
            IPAddress? to = null;
            PortRange? toPort = null;
            MarkRuleKind? markKind = null;
            uint? markValue = null;
            for (int i = 2; i < args.Count; i++)
            {
                string a = args[i];
                string? Next() => i + 1 < args.Count ? args[++i] : null;
                switch (a)
                {
                    case "!": not = true; continue;
                    case "-i" or "--in-interface": iif = Next(); iifNot = not; break;
                    case "-o" or "--out-interface": oif = Next(); oifNot = not; break;
                    case "-s" or "--source": if (!not && IpPrefix.TryParse(Next() ?? "", null, out var s)) saddr = s; break;
                    case "-d" or "--destination": if (!not && IpPrefix.TryParse(Next() ?? "", null, out var d)) daddr = d; else if (not) Next(); break;
                    case "-p" or "--protocol": proto = (Next()) switch { "tcp" => 6, "udp" => 17, "sctp" => 132, "icmp" => 1, _ => null }; break;
                    case "--dport" or "--destination-port": dport = Ports(Next()); break;
                    case "--ctstate" or "--state": newOnly = !not && Next() == "NEW"; break;
                    case "-j" or "-g": target = Next(); break;
                    case "--to-destination" or "--to-source" or "--to":
                        (to, toPort) = Target(Next());
                        break;
                    case "--to-ports": toPort = Ports(Next()); break;
                    case "--set-mark" or "--set-xmark":
                        markValue = Mark(Next());
                        markKind = target == "CONNMARK" ? MarkRuleKind.SetConnmark : MarkRuleKind.SetMark;
                        break;
                    case "--restore-mark": markKind = MarkRuleKind.RestoreMark; break;
                    case "--save-mark": markKind = MarkRuleKind.SaveMark; break;
                }
                not = false;
            }
            string ruleText = $"{family} {tbl} {string.Join(' ', args)}";
            NatKind? kind = target switch
            {
                "DNAT" => NatKind.Dnat,
                "SNAT" => NatKind.Snat,
                "MASQUERADE" => NatKind.Masquerade,
                "REDIRECT" => NatKind.Redirect,
                _ => null,
            };
            if (kind is { } k && tbl == "nat")
                nat.Add(new NatRule(k, family, tbl, chain, hooks, ruleText, iif, iifNot, oif, oifNot, saddr, daddr, proto, dport, to, toPort));
            else if (target is "CONNMARK" or "MARK" && markKind is { } mk)
                marks.Add(new MarkRule(mk, family, tbl, chain, hooks, ruleText, iif, iifNot, markValue, newOnly));
        }
        return new Model.Firewall("iptables", nat.ToImmutable(), marks.ToImmutable());
    }

    private static ImmutableArray<string> Hooks(string table, string chain, Dictionary<string, List<string>> jumps)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var hooks = new SortedSet<string>(StringComparer.Ordinal);
        var todo = new Stack<string>();
        todo.Push(table + "\0" + chain);
        while (todo.Count > 0)
        {
            var c = todo.Pop();
            if (!seen.Add(c)) continue;
            var name = c[(c.IndexOf('\0') + 1)..];
            if (BuiltinHooks.TryGetValue(name, out var h)) hooks.Add(h);
            if (jumps.TryGetValue(c, out var callers))
                foreach (var caller in callers) todo.Push(caller);
        }
        return [.. hooks];
    }

    private static (IPAddress?, PortRange?) Target(string? text)
    {
        if (text is null) return (null, null);
        // 172.17.0.2:80, 172.17.0.2:80-90, [2001:db8::2]:80, 2001:db8::2
        string addr = text;
        string? port = null;
        if (text.StartsWith('['))
        {
            int close = text.IndexOf(']');
            if (close > 0) { addr = text[1..close]; if (close + 1 < text.Length && text[close + 1] == ':') port = text[(close + 2)..]; }
        }
        else if (text.Count(c => c == ':') == 1)
        {
            int colon = text.IndexOf(':');
            addr = text[..colon];
            port = text[(colon + 1)..];
        }
        int dash = addr.IndexOf('-');
        if (dash > 0) addr = addr[..dash];
        return (IPAddress.TryParse(addr, out var a) ? a : null, port is null ? null : Ports(port));
    }

    private static PortRange? Ports(string? text)
    {
        if (text is null) return null;
        var parts = text.Split([':', '-']);
        if (parts.Length == 1 && ushort.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var p)) return new PortRange(p, p);
        if (parts.Length == 2 && ushort.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var a)
            && ushort.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var b)) return new PortRange(a, b);
        return null;
    }

    private static uint? Mark(string? text)
    {
        if (text is null) return null;
        var v = text.Split('/')[0];
        if (v.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            return uint.TryParse(v.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var h) ? h : null;
        return uint.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : null;
    }

    private static List<string> Tokenize(string line, string file, int lineNo)
    {
        var result = new List<string>();
        var sb = new StringBuilder();
        bool quoted = false, any = false;
        foreach (char c in line)
        {
            if (c == '"') { quoted = !quoted; any = true; continue; }
            if (c == ' ' && !quoted)
            {
                if (any) { result.Add(sb.ToString()); sb.Clear(); any = false; }
                continue;
            }
            sb.Append(c);
            any = true;
        }
        if (quoted) throw InputException.At(file, lineNo, line.Length, "unterminated quote");
        if (any) result.Add(sb.ToString());
        if (result.Count < 2) throw InputException.At(file, lineNo, 1, "-A without a chain");
        return result;
    }

    private static string Truncate(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
