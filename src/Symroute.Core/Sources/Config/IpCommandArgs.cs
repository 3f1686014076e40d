using System.Globalization;
using System.Net;
using Symroute.Model;

namespace Symroute.Sources.Config;

/// <summary>
/// Reads the arguments of <c>ip route add …</c> and <c>ip rule add …</c> as configuration files
/// embed them (ifupdown <c>up</c> lines, network-scripts <c>route-IF</c>/<c>rule-IF</c>), in
/// iproute2's words (ip/iproute.c iproute_modify, ip/iprule.c iprule_modify).
/// </summary>
public static class IpCommandArgs
{
    /// <summary>
    /// Recognises a shell command that runs <c>ip [-4|-6] route|rule add|append|replace …</c>; returns
    /// the declared object, or null for any other command.
    /// </summary>
    public static object? ParseCommand(string command, string? defaultDev, string origin)
    {
        var words = command.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).ToList();
        int i = words.FindIndex(w => w is "ip" or "/sbin/ip" or "/bin/ip" or "/usr/sbin/ip" or "/usr/bin/ip");
        if (i < 0) return null;
        i++;
        Family? family = null;
        while (i < words.Count && words[i].StartsWith('-'))
        {
            if (words[i] is "-4") family = Family.Inet;
            else if (words[i] is "-6") family = Family.Inet6;
            i++;
        }
        if (i + 1 >= words.Count) return null;
        string obj = words[i], verb = words[i + 1];
        if (verb is not ("add" or "append" or "replace" or "prepend" or "change")) return null;
        var rest = words.Skip(i + 2).TakeWhile(w => w is not ("||" or "&&" or ";" or "|")).ToList();
        if (obj is "r" or "ro" or "rou" or "rout" or "route")
            return Route(rest, family, defaultDev, origin);
        if (obj is "rule" or "ru")
            return Rule(rest, family, origin);
        return null;
    }

    /// <summary>A route spec (<c>[TYPE] PREFIX [via GW] [dev D] [table T] [metric N] …</c>); null if it cannot be read.</summary>
    public static ConfiguredRoute? Route(IReadOnlyList<string> args, Family? family, string? defaultDev, string origin)
    {
        IpPrefix? dst = null;
        IPAddress? gw = null;
        string? dev = defaultDev, table = null;
        uint? metric = null;
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            string? Next() => i + 1 < args.Count ? args[++i] : null;
            switch (a)
            {
                case "via":
                    var v = Next();
                    if (v is "inet" or "inet6") v = Next();
                    if (v is not null && IPAddress.TryParse(v, out var g)) gw = g;
                    break;
                case "dev" or "oif": dev = Next(); break;
                case "table": table = Next(); break;
                case "metric" or "priority" or "preference":
                    if (uint.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out var m)) metric = m;
                    break;
                case "src" or "proto" or "scope" or "realm" or "mtu" or "advmss" or "weight" or "nexthop" or "expires" or "pref" or "onlink" or "tos" or "dsfield" or "initcwnd" or "nhid":
                    if (a is not ("onlink" or "nexthop")) Next();
                    break;
                case "to":
                    dst = ParsePrefix(Next(), family);
                    break;
                case "unicast" or "local" or "broadcast" or "multicast" or "throw" or "unreachable" or "prohibit" or "blackhole" or "nat" or "anycast":
                    break;
                default:
                    dst ??= ParsePrefix(a, family);
                    break;
            }
        }
        if (dst is null) return null;
        var fam = family ?? (dst.Value.IsDefault ? gw is null ? null : FamilyOf(gw) : dst.Value.Family);
        if (dst.Value.IsDefault && fam is { } f && dst.Value.Family != f) dst = IpPrefix.Default(f);
        return new ConfiguredRoute(fam, dst.Value.Network(), gw, dev, table, metric, origin);
    }

    /// <summary>A rule spec (<c>[not] [from P] [to P] [fwmark M] [iif D] [oif D] [table T] [priority N]</c>); null if it cannot be read.</summary>
    public static ConfiguredRule? Rule(IReadOnlyList<string> args, Family? family, string origin)
    {
        IpPrefix? from = null, to = null;
        string? table = null, iif = null, oif = null;
        uint? prio = null, mark = null;
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            string? Next() => i + 1 < args.Count ? args[++i] : null;
            switch (a)
            {
                case "from": from = ParsePrefix(Next(), family); break;
                case "to": to = ParsePrefix(Next(), family); break;
                case "table" or "lookup": table = Next(); break;
                case "priority" or "pref" or "preference" or "order":
                    if (uint.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out var p)) prio = p;
                    break;
                case "fwmark":
                    var f = Next()?.Split('/')[0];
                    if (f is not null) mark = f.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                        ? uint.TryParse(f.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var h) ? h : null
                        : uint.TryParse(f, NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : null;
                    break;
                case "iif" or "dev": iif = Next(); break;
                case "oif": oif = Next(); break;
                case "not" or "unreachable" or "prohibit" or "blackhole" or "nop" or "l3mdev": break;
                default:
                    // tos, uidrange, ipproto, sport, dport, realms, goto, suppress_*, protocol take one value.
                    if (a is "tos" or "dsfield" or "uidrange" or "ipproto" or "sport" or "dport" or "realms" or "goto" or "suppress_prefixlength" or "suppress_ifgroup" or "protocol" or "nat" or "flowlabel" or "dscp" or "tun_id") Next();
                    break;
            }
        }
        var fam = family ?? from?.Family ?? to?.Family;
        return new ConfiguredRule(fam, from, to, table, prio, mark, iif, oif, origin);
    }

    public static IpPrefix? ParsePrefix(string? text, Family? family)
    {
        if (text is null) return null;
        if (text is "default" or "all" or "any")
            return IpPrefix.Default(family ?? Family.Inet);
        return IpPrefix.TryParse(text, null, out var p) ? p : null;
    }

    private static Family FamilyOf(IPAddress a) =>
        a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? Family.Inet6 : Family.Inet;
}
