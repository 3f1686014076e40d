using System.Collections.Immutable;
using System.Net;
using Symroute.Model;

namespace Symroute.Sources;

/// <summary>
/// Parses <c>ip route show</c> lines (print_route in iproute2's ip/iproute.c) and the
/// <c>\tnexthop …</c> lines of multipath routes. Keywords are accepted in any order.
/// </summary>
internal sealed class IpTextRoutes
{
    private readonly TextContext _cx;

    public IpTextRoutes(TextContext cx) => _cx = cx;

    /// <summary>A route line in progress: its multipath nexthops may follow on the next lines.</summary>
    public sealed class Draft
    {
        public required TextLine Line;
        public required Family Family;
        public Route Route = null!;
        public ImmutableArray<Nexthop>.Builder? Nexthops;
        public bool FamilyKnown;
        /// <summary>The single nexthop holds only what the command's filter (dev, via) supplied.</summary>
        public bool NexthopFromFilter;
    }

    public static bool IsNexthopLine(TextLine line) =>
        line.Tokens.Count > 0 && line.Tokens[0].Text == "nexthop" && (line.IsIndented || line.StartColumn > 1);

    public Draft ParseRoute(TextLine line, IpCommand? cmd)
    {
        var t = line.Tokens;
        const string where = "route line";
        int i = 0;
        var type = cmd?.Type ?? RouteType.Unicast;
        if (RouteTypeNames.TryParseName(t[0].Text, out var ty) && t.Count > 1 && t[0].Text is not "default")
        {
            type = ty;
            i++;
        }
        var dstTok = t[i];
        IpPrefix? dst = null;
        Family? family = cmd?.Family;
        if (dstTok.Text != "default")
        {
            dst = _cx.Prefix(line, dstTok, "the destination");
            Note(ref family, dst.Value.Family, line, dstTok);
        }
        IpPrefix? from = null;
        uint? nhid = null, metric = cmd?.Metric, expires = null, mtu = null, hoplimit = null, realms = null;
        byte tos = cmd?.Tos ?? 0;
        IPAddress? gateway = cmd?.Via, prefsrc = cmd?.Src;
        string? dev = cmd?.Dev;
        uint table = cmd?.Table ?? RouteTableId.Main;
        byte protocol = cmd?.Protocol ?? RouteProtocol.Boot;
        Scope scope = cmd?.Scope ?? Scope.Global;
        NexthopFlags flags = NexthopFlags.None;
        RouterPreference? pref = null;
        bool nexthopOnLine = false;

        for (i++; i < t.Count; i++)
        {
            var k = t[i];
            switch (k.Text)
            {
                case "from":
                {
                    var v = _cx.Next(line, t, ref i, where);
                    from = _cx.Prefix(line, v, "from");
                    Note(ref family, from.Value.Family, line, v);
                    break;
                }
                case "nhid": nhid = _cx.UInt(line, _cx.Next(line, t, ref i, where), "nhid"); break;
                case "tos" or "dsfield":
                {
                    var v = _cx.Next(line, t, ref i, where);
                    if (!DsfieldNames.TryParse(v.Text, out tos)) throw _cx.Error(line, v, $"invalid tos '{TextContext.Shorten(v.Text)}'");
                    break;
                }
                case "via": gateway = Via(line, t, ref i, ref family, where); nexthopOnLine = true; break;
                case "dev": dev = _cx.Name(_cx.Next(line, t, ref i, where).Text); nexthopOnLine = true; break;
                case "table": table = _cx.Table(line, _cx.Next(line, t, ref i, where)); break;
                case "proto":
                {
                    var v = _cx.Next(line, t, ref i, where);
                    if (!ProtocolNames.TryParse(v.Text, out protocol)) throw _cx.Error(line, v, $"unknown protocol '{TextContext.Shorten(v.Text)}'");
                    break;
                }
                case "scope":
                {
                    var v = _cx.Next(line, t, ref i, where);
                    if (!ScopeNames.TryParse(v.Text, out scope)) throw _cx.Error(line, v, $"unknown scope '{TextContext.Shorten(v.Text)}'");
                    break;
                }
                case "src":
                {
                    var v = _cx.Next(line, t, ref i, where);
                    prefsrc = _cx.Address(line, v, "src");
                    Note(ref family, AddressText.FamilyOf(prefsrc), line, v);
                    break;
                }
                case "metric": metric = _cx.UInt(line, _cx.Next(line, t, ref i, where), "metric"); break;
                case "realm" or "realms": realms = Realms(line, _cx.Next(line, t, ref i, where)); nexthopOnLine = true; break;
                case "expires":
                {
                    var v = _cx.Next(line, t, ref i, where);
                    var s = v.Text.EndsWith("sec", StringComparison.Ordinal) ? v.Text[..^3] : v.Text;
                    if (!int.TryParse(s, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out int e))
                        throw _cx.Error(line, v, $"invalid expires '{TextContext.Shorten(v.Text)}'");
                    expires = e < 0 ? 0u : (uint)e;
                    break;
                }
                case "mtu": mtu = Metric(line, t, ref i, where); break;
                case "hoplimit": hoplimit = Metric(line, t, ref i, where); break;
                case "window" or "rtt" or "rttvar" or "ssthresh" or "cwnd" or "advmss" or "reordering" or "initcwnd" or "rto_min" or "initrwnd" or "quickack" or "congctl":
                    // Metrics symroute does not model (see Route): their value is skipped.
                    _ = _cx.Next(line, t, ref i, where);
                    if (t[i].Text == "lock") _ = _cx.Next(line, t, ref i, where);
                    break;
                case "features":
                    _ = _cx.Next(line, t, ref i, where);
                    while (i + 1 < t.Count && (t[i + 1].Text is "ecn" or "tcp_usec_ts" || t[i + 1].Text.StartsWith("0x", StringComparison.Ordinal))) i++;
                    break;
                case "pref":
                {
                    var v = _cx.Next(line, t, ref i, where);
                    pref = v.Text switch
                    {
                        "medium" => RouterPreference.Medium,
                        "high" => RouterPreference.High,
                        "low" => RouterPreference.Low,
                        "0" => RouterPreference.Medium,
                        "1" => RouterPreference.High,
                        "3" => RouterPreference.Low,
                        _ => throw _cx.Error(line, v, $"invalid router preference '{TextContext.Shorten(v.Text)}'"),
                    };
                    Note(ref family, Family.Inet6, line, v);
                    break;
                }
                case "error" or "mark" or "uid" or "iif" or "ttl-propogate":
                    _ = _cx.Next(line, t, ref i, where);
                    break;
                case "encap":
                    throw _cx.Error(line, k, "lightweight tunnel routes (encap) are not supported");
                case "as":
                    throw _cx.Error(line, k, "MPLS routes (as to) are not supported");
                default:
                {
                    var f = RouteFlagNames.Parse(k.Text);
                    if (f == NexthopFlags.None) throw _cx.Unexpected(line, k, where);
                    flags |= f;
                    break;
                }
            }
        }

        var fam = family ?? Family.Inet;
        var d = dst is null ? IpPrefix.Default(fam) : dst.Value.Network();
        ImmutableArray<Nexthop> nhs;
        NexthopFlags routeFlags = NexthopFlags.None;
        if (gateway is not null || dev is not null || realms is not null)
            nhs = [new Nexthop(gateway, dev, 1, flags, realms)];
        else
        {
            nhs = [];
            routeFlags = flags;
        }
        var route = new Route(fam, table, type, d, nhs, scope, protocol, metric, prefsrc, tos, from, expires, pref, nhid, mtu, hoplimit, false, routeFlags);
        return new Draft { Line = line, Family = fam, Route = route, FamilyKnown = family is not null, NexthopFromFilter = !nexthopOnLine && !nhs.IsEmpty };
    }

    /// <summary>Adds a <c>nexthop …</c> line to the multipath route in progress.</summary>
    public void AddNexthop(Draft draft, TextLine line)
    {
        const string where = "nexthop line";
        var t = line.Tokens;
        IPAddress? gateway = null;
        string? dev = null;
        int weight = 1;
        uint? realms = null;
        var flags = NexthopFlags.None;
        Family? family = draft.FamilyKnown ? draft.Family : null;
        for (int i = 1; i < t.Count; i++)
        {
            var k = t[i];
            switch (k.Text)
            {
                case "via": gateway = Via(line, t, ref i, ref family, where); break;
                case "dev": dev = _cx.Name(_cx.Next(line, t, ref i, where).Text); break;
                case "weight":
                {
                    var v = _cx.Next(line, t, ref i, where);
                    if (!int.TryParse(v.Text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out weight) || weight < 1 || weight > 256)
                        throw _cx.Error(line, v, $"invalid weight '{TextContext.Shorten(v.Text)}'");
                    break;
                }
                case "realm" or "realms": realms = Realms(line, _cx.Next(line, t, ref i, where)); break;
                case "encap":
                    throw _cx.Error(line, k, "lightweight tunnel routes (encap) are not supported");
                default:
                {
                    var f = RouteFlagNames.Parse(k.Text);
                    if (f == NexthopFlags.None) throw _cx.Unexpected(line, k, where);
                    flags |= f;
                    break;
                }
            }
        }
        if (family is not null && family != draft.Family)
        {
            // The first line had no address (default, no pref): the nexthops tell the family.
            draft.Family = family.Value;
            draft.Route = draft.Route with { Family = family.Value, Dst = draft.Route.Dst.IsDefault ? IpPrefix.Default(family.Value) : draft.Route.Dst };
        }
        draft.FamilyKnown |= family is not null;
        if (draft.Nexthops is null)
        {
            if (draft.NexthopFromFilter)
            {
                // `ip route show dev X`: a multipath route prints its devices on the nexthop lines.
                var only = draft.Route.Nexthops[0];
                draft.Route = draft.Route with { Nexthops = [], Flags = only.Flags };
                draft.NexthopFromFilter = false;
            }
            if (!draft.Route.Nexthops.IsEmpty)
                throw _cx.Error(line, t[0], "nexthop line after a route that already has a gateway or device");
            draft.Nexthops = ImmutableArray.CreateBuilder<Nexthop>();
        }
        draft.Nexthops.Add(new Nexthop(gateway, dev, weight, flags, realms));
    }

    public static Route Finish(Draft draft) =>
        draft.Nexthops is null ? draft.Route : draft.Route with { Nexthops = draft.Nexthops.ToImmutable(), Multipath = true };

    private IPAddress Via(TextLine line, IReadOnlyList<TextToken> t, ref int i, ref Family? family, string where)
    {
        var v = _cx.Next(line, t, ref i, where);
        bool other = false;
        if (v.Text is "inet" or "inet6")
        {
            // RTA_VIA: a gateway of another family than the route's.
            other = true;
            v = _cx.Next(line, t, ref i, where);
        }
        var a = _cx.Address(line, v, "via");
        if (other)
        {
            var routeFamily = AddressText.FamilyOf(a) == Family.Inet ? Family.Inet6 : Family.Inet;
            Note(ref family, routeFamily, line, v);
        }
        else Note(ref family, AddressText.FamilyOf(a), line, v);
        return a;
    }

    private uint? Metric(TextLine line, IReadOnlyList<TextToken> t, ref int i, string where)
    {
        var v = _cx.Next(line, t, ref i, where);
        if (v.Text == "lock") v = _cx.Next(line, t, ref i, where);
        return _cx.UInt(line, v, "metric value");
    }

    private uint Realms(TextLine line, TextToken v)
    {
        int slash = v.Text.IndexOf('/');
        ushort from = 0, to;
        if (slash >= 0 && !RealmNames.TryParse(v.Text.AsSpan(0, slash), out from))
            throw _cx.Error(line, v, $"unknown realm '{TextContext.Shorten(v.Text)}'");
        if (!RealmNames.TryParse(slash >= 0 ? v.Text.AsSpan(slash + 1) : v.Text, out to))
            throw _cx.Error(line, v, $"unknown realm '{TextContext.Shorten(v.Text)}'");
        return ((uint)from << 16) | to;
    }

    private void Note(ref Family? family, Family f, TextLine line, TextToken tok)
    {
        if (family is null) { family = f; return; }
        if (family != f)
            throw _cx.Error(line, tok, $"{(f == Family.Inet ? "IPv4" : "IPv6")} value in an {(family == Family.Inet ? "IPv4" : "IPv6")} route");
    }
}
