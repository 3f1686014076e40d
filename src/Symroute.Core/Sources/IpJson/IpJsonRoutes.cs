using System.Collections.Immutable;
using System.Net;
using System.Text.Json;
using Symroute.Model;

namespace Symroute.Sources;

/// <summary>
/// Reads the array <c>ip -json route show table all</c> prints (print_route in iproute2's
/// ip/iproute.c) one object at a time with a Utf8JsonReader: no document is built, so a dump of a
/// million routes costs little more than the routes themselves.
/// </summary>
internal static class IpJsonRoutes
{
    /// <summary>Reads a whole array; the reader is positioned before or on its StartArray.</summary>
    public static void ReadArray(ref Utf8JsonReader r, JsonContext cx, Family? family, ImmutableArray<Route>.Builder into)
    {
        if (r.TokenType == JsonTokenType.None) cx.Read(ref r);
        cx.What = cx.Section;
        cx.Expect(ref r, JsonTokenType.StartArray, "the route list");
        int index = 0;
        while (true)
        {
            cx.Read(ref r);
            if (r.TokenType == JsonTokenType.EndArray) break;
            index++;
            cx.SetItem("route", index);
            into.Add(ReadRoute(ref r, cx, family));
        }
        cx.What = "";
    }

    /// <summary>Reads one route object; the reader is on its StartObject and ends on its EndObject.</summary>
    public static Route ReadRoute(ref Utf8JsonReader r, JsonContext cx, Family? family)
    {
        cx.Expect(ref r, JsonTokenType.StartObject, "a route");
        long start = r.TokenStartIndex;
        RouteType type = RouteType.Unicast;
        IpPrefix? dst = null;
        bool sawDst = false;
        IpPrefix? from = null;
        uint? nhid = null;
        byte tos = 0;
        IPAddress? gateway = null;
        string? dev = null;
        uint table = RouteTableId.Main;
        byte protocol = RouteProtocol.Boot;
        Scope scope = Scope.Global;
        IPAddress? prefsrc = null;
        uint? metric = null;
        NexthopFlags flags = NexthopFlags.None;
        uint? expires = null, mtu = null, hoplimit = null, realms = null;
        RouterPreference? pref = null;
        ImmutableArray<Nexthop>.Builder? nexthops = null;
        Family? seen = family;

        while (true)
        {
            cx.Read(ref r);
            if (r.TokenType == JsonTokenType.EndObject) break;
            // property name
            if (r.ValueTextEquals("type"u8))
            {
                cx.Read(ref r);
                var t = cx.Chars(ref r, "type");
                if (!RouteTypeNames.TryParse(t, out type))
                    throw cx.Error(ref r, $"unknown route type '{JsonContext.Shorten(t)}'");
            }
            else if (r.ValueTextEquals("dst"u8))
            {
                cx.Read(ref r);
                var t = cx.Chars(ref r, "dst");
                sawDst = true;
                if (t is "default")
                    dst = null;
                else
                {
                    dst = AddressText.ParsePrefix(t) ?? throw cx.Error(ref r, $"invalid destination '{JsonContext.Shorten(t)}'");
                    Note(ref seen, dst.Value.Family, ref r, cx);
                }
            }
            else if (r.ValueTextEquals("from"u8))
            {
                cx.Read(ref r);
                from = cx.Prefix(ref r, "from");
                Note(ref seen, from.Value.Family, ref r, cx);
            }
            else if (r.ValueTextEquals("nhid"u8))
            {
                cx.Read(ref r);
                nhid = cx.UInt32(ref r, "nhid");
            }
            else if (r.ValueTextEquals("tos"u8))
            {
                cx.Read(ref r);
                var t = cx.Chars(ref r, "tos");
                if (!DsfieldNames.TryParse(t, out tos))
                    throw cx.Error(ref r, $"invalid tos '{JsonContext.Shorten(t)}'");
            }
            else if (r.ValueTextEquals("gateway"u8))
            {
                cx.Read(ref r);
                gateway = cx.Address(ref r, "gateway");
                Note(ref seen, AddressText.FamilyOf(gateway), ref r, cx);
            }
            else if (r.ValueTextEquals("via"u8))
            {
                cx.Read(ref r);
                gateway = ReadVia(ref r, cx);
            }
            else if (r.ValueTextEquals("dev"u8))
            {
                cx.Read(ref r);
                dev = cx.String(ref r, "dev");
            }
            else if (r.ValueTextEquals("table"u8))
            {
                cx.Read(ref r);
                table = cx.Table(ref r);
            }
            else if (r.ValueTextEquals("protocol"u8))
            {
                cx.Read(ref r);
                var t = cx.Chars(ref r, "protocol");
                if (!ProtocolNames.TryParse(t, out protocol))
                    throw cx.Error(ref r, $"unknown protocol '{JsonContext.Shorten(t)}'");
            }
            else if (r.ValueTextEquals("scope"u8))
            {
                cx.Read(ref r);
                var t = cx.Chars(ref r, "scope");
                if (!ScopeNames.TryParse(t, out scope))
                    throw cx.Error(ref r, $"unknown scope '{JsonContext.Shorten(t)}'");
            }
            else if (r.ValueTextEquals("prefsrc"u8))
            {
                cx.Read(ref r);
                prefsrc = cx.Address(ref r, "prefsrc");
                Note(ref seen, AddressText.FamilyOf(prefsrc), ref r, cx);
            }
            else if (r.ValueTextEquals("metric"u8))
            {
                cx.Read(ref r);
                metric = cx.UInt32(ref r, "metric");
            }
            else if (r.ValueTextEquals("flags"u8))
            {
                cx.Read(ref r);
                flags = ReadFlags(ref r, cx);
            }
            else if (r.ValueTextEquals("expires"u8))
            {
                cx.Read(ref r);
                int e = cx.Int32(ref r, "expires");
                expires = e < 0 ? 0u : (uint)e;
            }
            else if (r.ValueTextEquals("metrics"u8))
            {
                cx.Read(ref r);
                ReadMetrics(ref r, cx, ref mtu, ref hoplimit);
            }
            else if (r.ValueTextEquals("flow"u8))
            {
                cx.Read(ref r);
                realms = ReadFlow(ref r, cx);
            }
            else if (r.ValueTextEquals("pref"u8))
            {
                cx.Read(ref r);
                pref = ReadPref(ref r, cx);
                Note(ref seen, Family.Inet6, ref r, cx);
            }
            else if (r.ValueTextEquals("nexthops"u8))
            {
                cx.Read(ref r);
                cx.Expect(ref r, JsonTokenType.StartArray, "nexthops");
                nexthops = ImmutableArray.CreateBuilder<Nexthop>();
                while (true)
                {
                    cx.Read(ref r);
                    if (r.TokenType == JsonTokenType.EndArray) break;
                    nexthops.Add(ReadNexthop(ref r, cx, ref seen));
                }
            }
            else
            {
                // Keys symroute does not model (cache, mark, uid, error, iif, encap, …): skipped.
                cx.Read(ref r);
                cx.Skip(ref r);
            }
        }

        if (!sawDst)
            throw cx.Error(start, "missing 'dst'");
        if (nexthops is not null && (gateway is not null || dev is not null))
        {
            // print_route never prints both; keep what it says rather than guess.
            throw cx.Error(start, "both a nexthop list and a top-level gateway/dev");
        }
        return Make(cx.Pool, seen, type, dst, from, nhid, tos, gateway, dev, table, protocol, scope, prefsrc, metric, flags, expires, mtu, hoplimit, realms, pref, nexthops);
    }

    /// <summary>
    /// The route of one parsed object (shared with <see cref="IpJsonRouteScanner"/>, so both readers
    /// build identical models). <paramref name="dst"/> null is <c>default</c>; the caller has
    /// rejected a nexthop list beside a top-level gateway or device.
    /// </summary>
    internal static Route Make(StringPool pool, Family? seen, RouteType type, IpPrefix? dst, IpPrefix? from, uint? nhid, byte tos,
        IPAddress? gateway, string? dev, uint table, byte protocol, Scope scope, IPAddress? prefsrc, uint? metric, NexthopFlags flags,
        uint? expires, uint? mtu, uint? hoplimit, uint? realms, RouterPreference? pref, ImmutableArray<Nexthop>.Builder? nexthops)
    {
        Family fam = seen ?? Family.Inet;
        var d = dst is null ? IpPrefix.Default(fam) : dst.Value.Network();
        ImmutableArray<Nexthop> nhs;
        NexthopFlags routeFlags = NexthopFlags.None;
        bool multipath = nexthops is not null;
        if (multipath)
        {
            nhs = nexthops!.DrainToImmutable();
            routeFlags = flags;
        }
        else if (gateway is not null || dev is not null || realms is not null)
            nhs = pool.SingleNexthop(gateway, dev, flags, realms);
        else
        {
            nhs = [];
            routeFlags = flags;
        }
        return new Route(fam, table, type, d, nhs, scope, protocol, metric, prefsrc, tos, from, expires, pref, nhid, mtu, hoplimit, multipath, routeFlags);
    }

    internal static void Note(ref Family? seen, Family f, ref Utf8JsonReader r, JsonContext cx)
    {
        if (seen is null) { seen = f; return; }
        if (seen != f)
            throw cx.Error(ref r, $"mixes IPv4 and IPv6 ({(f == Family.Inet ? "IPv4" : "IPv6")} value in an {(seen == Family.Inet ? "IPv4" : "IPv6")} route)");
    }

    private static Nexthop ReadNexthop(ref Utf8JsonReader r, JsonContext cx, ref Family? seen)
    {
        cx.Expect(ref r, JsonTokenType.StartObject, "a nexthop");
        IPAddress? gateway = null;
        string? dev = null;
        int weight = 1;
        NexthopFlags flags = NexthopFlags.None;
        uint? realms = null;
        while (true)
        {
            cx.Read(ref r);
            if (r.TokenType == JsonTokenType.EndObject) break;
            if (r.ValueTextEquals("gateway"u8))
            {
                cx.Read(ref r);
                gateway = cx.Address(ref r, "gateway");
                Note(ref seen, AddressText.FamilyOf(gateway), ref r, cx);
            }
            else if (r.ValueTextEquals("via"u8))
            {
                cx.Read(ref r);
                gateway = ReadVia(ref r, cx);
            }
            else if (r.ValueTextEquals("dev"u8))
            {
                cx.Read(ref r);
                dev = cx.String(ref r, "dev");
            }
            else if (r.ValueTextEquals("weight"u8))
            {
                cx.Read(ref r);
                weight = cx.Int32(ref r, "weight");
                if (weight < 1 || weight > 256)
                    throw cx.Error(ref r, $"weight {weight} out of range 1-256");
            }
            else if (r.ValueTextEquals("flags"u8))
            {
                cx.Read(ref r);
                flags = ReadFlags(ref r, cx);
            }
            else if (r.ValueTextEquals("flow"u8))
            {
                cx.Read(ref r);
                realms = ReadFlow(ref r, cx);
            }
            else
            {
                cx.Read(ref r);
                cx.Skip(ref r);
            }
        }
        return new Nexthop(gateway, dev, weight, flags, realms);
    }

    /// <summary><c>"via":{"family":"inet6","host":"fe80::1"}</c> (RTA_VIA).</summary>
    private static IPAddress ReadVia(ref Utf8JsonReader r, JsonContext cx)
    {
        cx.Expect(ref r, JsonTokenType.StartObject, "via");
        long start = r.TokenStartIndex;
        IPAddress? host = null;
        while (true)
        {
            cx.Read(ref r);
            if (r.TokenType == JsonTokenType.EndObject) break;
            if (r.ValueTextEquals("host"u8))
            {
                cx.Read(ref r);
                host = cx.Address(ref r, "via host");
            }
            else
            {
                cx.Read(ref r);
                cx.Skip(ref r);
            }
        }
        return host ?? throw cx.Error(start, "'via' without 'host'");
    }

    public static NexthopFlags ReadFlags(ref Utf8JsonReader r, JsonContext cx)
    {
        cx.Expect(ref r, JsonTokenType.StartArray, "flags");
        var flags = NexthopFlags.None;
        while (true)
        {
            cx.Read(ref r);
            if (r.TokenType == JsonTokenType.EndArray) break;
            var t = cx.Chars(ref r, "a flag");
            var f = RouteFlagNames.Parse(t);
            if (f == NexthopFlags.None)
                throw cx.Error(ref r, $"unknown route flag '{JsonContext.Shorten(t)}'");
            flags |= f;
        }
        return flags;
    }

    private static void ReadMetrics(ref Utf8JsonReader r, JsonContext cx, ref uint? mtu, ref uint? hoplimit)
    {
        cx.Expect(ref r, JsonTokenType.StartArray, "metrics");
        while (true)
        {
            cx.Read(ref r);
            if (r.TokenType == JsonTokenType.EndArray) break;
            cx.Expect(ref r, JsonTokenType.StartObject, "metrics");
            while (true)
            {
                cx.Read(ref r);
                if (r.TokenType == JsonTokenType.EndObject) break;
                if (r.ValueTextEquals("mtu"u8))
                {
                    cx.Read(ref r);
                    mtu = cx.UInt32(ref r, "mtu");
                }
                else if (r.ValueTextEquals("hoplimit"u8))
                {
                    cx.Read(ref r);
                    hoplimit = cx.UInt32(ref r, "hoplimit");
                }
                else
                {
                    cx.Read(ref r);
                    cx.Skip(ref r);
                }
            }
        }
    }

    /// <summary><c>"flow":{"from":"3","to":"4"}</c> (RTA_FLOW realms).</summary>
    private static uint ReadFlow(ref Utf8JsonReader r, JsonContext cx)
    {
        cx.Expect(ref r, JsonTokenType.StartObject, "flow");
        ushort from = 0, to = 0;
        while (true)
        {
            cx.Read(ref r);
            if (r.TokenType == JsonTokenType.EndObject) break;
            bool isFrom = r.ValueTextEquals("from"u8);
            bool isTo = r.ValueTextEquals("to"u8);
            cx.Read(ref r);
            if (!isFrom && !isTo) { cx.Skip(ref r); continue; }
            var t = cx.Chars(ref r, "realm");
            if (!RealmNames.TryParse(t, out ushort v))
                throw cx.Error(ref r, $"unknown realm '{JsonContext.Shorten(t)}'");
            if (isFrom) from = v; else to = v;
        }
        return ((uint)from << 16) | to;
    }

    private static RouterPreference ReadPref(ref Utf8JsonReader r, JsonContext cx)
    {
        if (r.TokenType == JsonTokenType.Number)
        {
            uint v = cx.UInt32(ref r, "pref");
            if (v is 0 or 1 or 3) return (RouterPreference)v;
            throw cx.Error(ref r, $"invalid router preference {v}");
        }
        var t = cx.Chars(ref r, "pref");
        return t switch
        {
            "medium" => RouterPreference.Medium,
            "high" => RouterPreference.High,
            "low" => RouterPreference.Low,
            _ => throw cx.Error(ref r, $"invalid router preference '{JsonContext.Shorten(t)}'"),
        };
    }
}
