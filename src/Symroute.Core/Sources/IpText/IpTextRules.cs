using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Symroute.Model;

namespace Symroute.Sources;

/// <summary>Parses <c>ip rule show</c> lines (print_rule in iproute2's ip/iprule.c).</summary>
internal sealed partial class IpTextRules
{
    private readonly TextContext _cx;

    public IpTextRules(TextContext cx) => _cx = cx;

    [GeneratedRegex(@"^\d+:\s+(not\s+)?from\s")]
    private static partial Regex Shape();

    public static bool IsRuleLine(TextLine line) => !line.IsIndented && Shape().IsMatch(line.Text);

    /// <summary>A rule as printed; its family may still be unknown (<c>from all lookup main</c>).</summary>
    public sealed record Parsed(Rule Rule, Family? Family, TextLine Line);

    public Parsed Parse(TextLine line, Family? family)
    {
        const string where = "rule line";
        var t = line.Tokens;
        var first = t[0];
        if (!uint.TryParse(first.Text.AsSpan(0, first.Text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out uint priority))
            throw _cx.Error(line, first, $"invalid rule priority '{TextContext.Shorten(first.Text)}'");
        bool not = false, l3mdev = false, iifDetached = false, oifDetached = false, unresolved = false;
        (IPAddress Addr, int? Len)? from = null, to = null;
        TextToken? fromTok = null, toTok = null;
        byte? tos = null, ipproto = null, protocol = null, dscp = null;
        uint? fwmark = null, fwmask = null, table = null, gotoTarget = null, realms = null;
        string? iif = null, oif = null;
        UidRange? uid = null;
        PortRange? sport = null, dport = null;
        ulong? tunId = null;
        int? suppressPrefix = null, suppressGroup = null;
        var action = RuleAction.Lookup;

        for (int i = 1; i < t.Count; i++)
        {
            var k = t[i];
            switch (k.Text)
            {
                case "not": not = true; break;
                case "from":
                {
                    var v = _cx.Next(line, t, ref i, where);
                    fromTok = v;
                    if (v.Text != "all") from = Selector(line, v, ref family, "from");
                    break;
                }
                case "to":
                {
                    var v = _cx.Next(line, t, ref i, where);
                    toTok = v;
                    to = Selector(line, v, ref family, "to");
                    break;
                }
                case "tos" or "dsfield":
                {
                    var v = _cx.Next(line, t, ref i, where);
                    if (!DsfieldNames.TryParse(v.Text, out byte b)) throw _cx.Error(line, v, $"invalid tos '{TextContext.Shorten(v.Text)}'");
                    tos = b == 0 ? null : b;
                    break;
                }
                case "fwmark":
                {
                    var v = _cx.Next(line, t, ref i, where);
                    int slash = v.Text.IndexOf('/');
                    uint mask = 0xFFFFFFFF;
                    if (!NumberText.TryParseUInt32(slash < 0 ? v.Text.AsSpan() : v.Text.AsSpan(0, slash), out uint mark)
                        || (slash >= 0 && !NumberText.TryParseUInt32(v.Text.AsSpan(slash + 1), out mask)))
                        throw _cx.Error(line, v, $"invalid fwmark '{TextContext.Shorten(v.Text)}'");
                    fwmark = mark;
                    fwmask = mask;
                    break;
                }
                case "iif":
                    iif = _cx.Name(_cx.Next(line, t, ref i, where).Text);
                    if (i + 1 < t.Count && t[i + 1].Text == "[detached]") { iifDetached = true; i++; }
                    break;
                case "oif":
                    oif = _cx.Name(_cx.Next(line, t, ref i, where).Text);
                    if (i + 1 < t.Count && t[i + 1].Text == "[detached]") { oifDetached = true; i++; }
                    break;
                case "lookup" or "table":
                {
                    var v = _cx.Next(line, t, ref i, where);
                    if (v.Text == "[l3mdev-table]") l3mdev = true;
                    else
                    {
                        uint id = _cx.Table(line, v);
                        table = id == 0 ? null : id;
                    }
                    break;
                }
                case "uidrange":
                {
                    var v = _cx.Next(line, t, ref i, where);
                    int dash = v.Text.IndexOf('-');
                    if (dash < 0 || !NumberText.TryParseDecimal(v.Text.AsSpan(0, dash), out uint a) || !NumberText.TryParseDecimal(v.Text.AsSpan(dash + 1), out uint b))
                        throw _cx.Error(line, v, $"invalid uidrange '{TextContext.Shorten(v.Text)}'");
                    uid = new UidRange(a, b);
                    break;
                }
                case "ipproto":
                {
                    var v = _cx.Next(line, t, ref i, where);
                    if (!IpProtocolNames.TryParse(v.Text, out byte p)) throw _cx.Error(line, v, $"unknown ipproto '{TextContext.Shorten(v.Text)}'");
                    ipproto = p;
                    break;
                }
                case "sport": sport = Ports(line, _cx.Next(line, t, ref i, where), "sport"); break;
                case "dport": dport = Ports(line, _cx.Next(line, t, ref i, where), "dport"); break;
                case "tun_id":
                {
                    var v = _cx.Next(line, t, ref i, where);
                    if (!NumberText.TryParseUInt64(v.Text, out ulong id)) throw _cx.Error(line, v, $"invalid tun_id '{TextContext.Shorten(v.Text)}'");
                    tunId = id;
                    break;
                }
                case "suppress_prefixlength":
                {
                    var v = _cx.Next(line, t, ref i, where);
                    if (!int.TryParse(v.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int n))
                        throw _cx.Error(line, v, $"invalid suppress_prefixlength '{TextContext.Shorten(v.Text)}'");
                    suppressPrefix = n == -1 ? null : n;
                    break;
                }
                case "suppress_ifgroup":
                {
                    var v = _cx.Next(line, t, ref i, where);
                    if (!GroupNames.TryParse(v.Text, out int g)) throw _cx.Error(line, v, $"unknown device group '{TextContext.Shorten(v.Text)}'");
                    suppressGroup = g == -1 ? null : g;
                    break;
                }
                case "realms":
                {
                    var v = _cx.Next(line, t, ref i, where);
                    int slash = v.Text.IndexOf('/');
                    ushort f = 0, to2;
                    if ((slash >= 0 && !RealmNames.TryParse(v.Text.AsSpan(0, slash), out f))
                        || !RealmNames.TryParse(slash >= 0 ? v.Text.AsSpan(slash + 1) : v.Text, out to2))
                        throw _cx.Error(line, v, $"unknown realm '{TextContext.Shorten(v.Text)}'");
                    realms = ((uint)f << 16) | to2;
                    if (realms == 0) realms = null;
                    break;
                }
                case "goto":
                {
                    var v = _cx.Next(line, t, ref i, where);
                    action = RuleAction.Goto;
                    if (v.Text != "none") gotoTarget = _cx.UInt(line, v, "goto target");
                    if (i + 1 < t.Count && t[i + 1].Text == "[unresolved]") { unresolved = true; i++; }
                    break;
                }
                case "nop": action = RuleAction.Nop; break;
                case "unreachable": action = RuleAction.Unreachable; break;
                case "prohibit": action = RuleAction.Prohibit; break;
                case "blackhole": action = RuleAction.Blackhole; break;
                case "unspec": action = RuleAction.Unspec; break;
                case "proto":
                {
                    var v = _cx.Next(line, t, ref i, where);
                    if (!ProtocolNames.TryParse(v.Text, out byte p)) throw _cx.Error(line, v, $"unknown protocol '{TextContext.Shorten(v.Text)}'");
                    protocol = p;
                    break;
                }
                case "dscp":
                {
                    var v = _cx.Next(line, t, ref i, where);
                    if (!DsfieldNames.TryParseDscp(v.Text, out byte d)) throw _cx.Error(line, v, $"invalid dscp '{TextContext.Shorten(v.Text)}'");
                    dscp = d;
                    break;
                }
                case "map-to" or "masquerade":
                    throw _cx.Error(line, k, "NAT rules are not supported (removed from Linux in 2.6)");
                default:
                    throw _cx.Unexpected(line, k, where);
            }
        }
        if (fromTok is null) throw _cx.Error(line, t[0].Column + t[0].Text.Length, "rule line without 'from'");

        var fam = family ?? Family.Inet;
        int max = fam == Family.Inet ? 32 : 128;
        IpPrefix? fromP = from is { } fp ? new IpPrefix(fp.Addr, fp.Len ?? max) : null;
        IpPrefix? toP = to is { } tp ? new IpPrefix(tp.Addr, tp.Len ?? max) : null;
        var rule = new Rule(fam, priority, action, table, not, fromP, toP, tos, fwmark, fwmask, iif, oif, uid, ipproto,
            sport, dport, tunId, l3mdev, gotoTarget, suppressPrefix, suppressGroup, protocol, dscp, realms,
            iifDetached, oifDetached, unresolved);
        rule = rule with { Protocol = protocol ?? RuleDefaults.UnprintedProtocol(rule) };
        return new Parsed(rule, family, line);
    }

    /// <summary>Fixes the family of a rule parsed before its family was known.</summary>
    public static Rule WithFamily(Rule r, Family family)
    {
        if (r.Family == family) return r;
        var def = IpPrefix.Default(family).Address;
        return r with
        {
            Family = family,
            From = r.From is { } f ? new IpPrefix(def, f.Length) : null,
            To = r.To is { } t ? new IpPrefix(def, t.Length) : null,
        };
    }

    private (IPAddress, int?) Selector(TextLine line, TextToken v, ref Family? family, string what)
    {
        var p = _cx.Prefix(line, v, what);
        if (family is not null && family != p.Family)
            throw _cx.Error(line, v, $"{(p.Family == Family.Inet ? "IPv4" : "IPv6")} {what} in an {(family == Family.Inet ? "IPv4" : "IPv6")} rule");
        family = p.Family;
        return (p.Address, v.Text.Contains('/') ? p.Length : null);
    }

    private PortRange Ports(TextLine line, TextToken v, string what)
    {
        int dash = v.Text.IndexOf('-');
        if (dash < 0)
        {
            if (ushort.TryParse(v.Text, NumberStyles.None, CultureInfo.InvariantCulture, out ushort p)) return new PortRange(p, p);
        }
        else if (ushort.TryParse(v.Text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out ushort a)
            && ushort.TryParse(v.Text.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out ushort b))
            return new PortRange(a, b);
        throw _cx.Error(line, v, $"invalid {what} '{TextContext.Shorten(v.Text)}'");
    }
}
