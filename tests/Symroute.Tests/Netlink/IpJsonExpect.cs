using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Symroute.Model;
using Xunit;

namespace Symroute.Tests.Netlink;

/// <summary>
/// Compares a model field by field with what <c>ip -d -json</c> printed for the same namespace
/// (addr show, route show table all, rule / -6 rule), with its own minimal reading of iproute2
/// 6.1's JSON (ip/ipaddress.c print_linkinfo/print_addrinfo, ip/iproute.c print_route,
/// ip/iprule.c print_rule). Every difference is collected, then reported at once.
/// </summary>
internal sealed class IpJsonExpect
{
    private readonly List<string> _diffs = [];

    /// <summary>Seconds a remaining lifetime / expiry may have ticked between the two reads.</summary>
    public int LifetimeTolerance { get; init; } = 3;

    public static void AssertSame(
        ImmutableArray<LinkInfo> links, ImmutableArray<InterfaceAddress> addresses,
        ImmutableArray<Route> routes, ImmutableArray<Rule> rules,
        string ipAddr, string ipRoute, string ipRule4, string ipRule6)
    {
        var e = new IpJsonExpect();
        e.Links(links, ipAddr);
        e.Addresses(addresses, ipAddr);
        e.Routes(routes, ipRoute);
        e.Rules(rules, ipRule4, ipRule6);
        e.AssertNoDifferences();
    }

    public void AssertNoDifferences() =>
        Assert.True(_diffs.Count == 0, $"{_diffs.Count} differences from ip -json:\n" + string.Join("\n", _diffs.Take(60)));

    private void Check<T>(string where, T expected, T actual)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
            _diffs.Add($"{where}: ip says {Show(expected)}, model has {Show(actual)}");
    }

    private static string Show(object? o) => o switch
    {
        null => "null",
        string s => $"'{s}'",
        System.Collections.IEnumerable e => "[" + string.Join(",", e.Cast<object?>().Select(Show)) + "]",
        _ => o.ToString() ?? "",
    };

    // ---- links -------------------------------------------------------------------------------

    public void Links(ImmutableArray<LinkInfo> links, string ipAddrJson)
    {
        using var doc = JsonDocument.Parse(ipAddrJson);
        var arr = doc.RootElement.EnumerateArray().ToList();
        Check("link count", arr.Count, links.Length);
        for (int i = 0; i < Math.Min(arr.Count, links.Length); i++)
        {
            var j = arr[i];
            var l = links[i];
            string w = $"link[{i}] {l.Name}";
            Check(w + " ifindex", j.GetProperty("ifindex").GetInt32(), l.Index);
            Check(w + " ifname", j.GetProperty("ifname").GetString(), l.Name);
            Check(w + " flags", string.Join(",", j.GetProperty("flags").EnumerateArray().Select(f => f.GetString())), string.Join(",", l.Flags));
            Check(w + " mtu", Int(j, "mtu") ?? 1500, l.Mtu);
            Check(w + " operstate", Str(j, "operstate"), l.OperState);
            Check(w + " group", Str(j, "group") is { } g ? (g == "default" ? 0 : int.Parse(g, CultureInfo.InvariantCulture)) : 0, l.Group);
            Check(w + " master", Str(j, "master"), l.Master);
            Check(w + " link_type", Str(j, "link_type"), l.LinkType);
            Check(w + " address", Str(j, "address"), l.Address);
            Check(w + " broadcast", Str(j, "broadcast"), l.Broadcast);
            Check(w + " qdisc", Str(j, "qdisc"), l.Qdisc);
            Check(w + " txqlen", Int(j, "txqlen") is int q && q != 0 ? q : (int?)null, l.TxQueueLength);
            Check(w + " link_index", Int(j, "link_index"), l.LinkIndex);
            Check(w + " link", Str(j, "link"), l.Link);
            string? kind = j.TryGetProperty("linkinfo", out var li) ? Str(li, "info_kind") : null;
            Check(w + " kind", kind, l.Kind);
        }
    }

    // ---- addresses ---------------------------------------------------------------------------

    private static readonly (string Key, AddressFlags Flag)[] AddressFlagKeys =
    [
        ("nodad", AddressFlags.NoDad), ("optimistic", AddressFlags.Optimistic), ("dadfailed", AddressFlags.DadFailed),
        ("home", AddressFlags.HomeAddress), ("deprecated", AddressFlags.Deprecated), ("tentative", AddressFlags.Tentative),
        ("mngtmpaddr", AddressFlags.ManageTempAddr), ("noprefixroute", AddressFlags.NoPrefixRoute),
        ("autojoin", AddressFlags.McAutoJoin), ("stable-privacy", AddressFlags.StablePrivacy),
    ];

    public void Addresses(ImmutableArray<InterfaceAddress> addresses, string ipAddrJson)
    {
        using var doc = JsonDocument.Parse(ipAddrJson);
        var expected = new List<(string Dev, JsonElement Addr)>();
        foreach (var link in doc.RootElement.EnumerateArray())
            if (link.TryGetProperty("addr_info", out var ai))
                foreach (var a in ai.EnumerateArray())
                    expected.Add((link.GetProperty("ifname").GetString()!, a.Clone()));
        Check("address count", expected.Count, addresses.Length);
        for (int i = 0; i < Math.Min(expected.Count, addresses.Length); i++)
        {
            var (dev, j) = expected[i];
            var a = addresses[i];
            string w = $"addr[{i}] {dev} {Str(j, "local")}";
            Check(w + " dev", dev, a.Dev);
            Check(w + " family", Str(j, "family") == "inet6" ? Family.Inet6 : Family.Inet, a.Family);
            Check(w + " local", Ip(Str(j, "local")), a.Local);
            Check(w + " peer", Ip(Str(j, "address")), a.Peer);
            Check(w + " prefixlen", Int(j, "prefixlen"), a.PrefixLength);
            Check(w + " metric", (uint?)Long(j, "metric"), a.Metric);
            Check(w + " broadcast", Ip(Str(j, "broadcast")), a.Broadcast);
            Check(w + " scope", ScopeOf(Str(j, "scope")!), a.Scope);
            Check(w + " label", Str(j, "label"), a.Label);

            var flags = AddressFlags.None;
            if (Has(j, "secondary") || Has(j, "temporary")) flags |= AddressFlags.Secondary;
            if (!Has(j, "dynamic")) flags |= AddressFlags.Permanent;
            foreach (var (key, flag) in AddressFlagKeys)
                if (Has(j, key)) flags |= flag;
            Check(w + " flags", flags, a.Flags);

            CheckLifetime(w + " valid_life_time", Long(j, "valid_life_time"), a.ValidLifetime);
            CheckLifetime(w + " preferred_life_time", Long(j, "preferred_life_time"), a.PreferredLifetime);
        }
    }

    private void CheckLifetime(string where, long? ip, uint? model)
    {
        uint? expected = ip is null or 4294967295 ? null : (uint)ip.Value;
        if (expected is null || model is null)
            Check(where, expected, model);
        else if (Math.Abs((long)expected.Value - model.Value) > LifetimeTolerance)
            Check(where, expected, model);
    }

    // ---- routes ------------------------------------------------------------------------------

    private static readonly Dictionary<string, NexthopFlags> FlagNames = new()
    {
        ["dead"] = NexthopFlags.Dead, ["pervasive"] = NexthopFlags.Pervasive, ["onlink"] = NexthopFlags.OnLink,
        ["offload"] = NexthopFlags.Offload, ["linkdown"] = NexthopFlags.LinkDown, ["unresolved"] = NexthopFlags.Unresolved,
        ["trap"] = NexthopFlags.Trap, ["notify"] = NexthopFlags.Notify, ["rt_offload"] = NexthopFlags.RtOffload,
        ["rt_trap"] = NexthopFlags.RtTrap, ["rt_offload_failed"] = NexthopFlags.RtOffloadFailed,
    };

    private static readonly HashSet<string> KnownRouteKeys =
    [
        "type", "dst", "from", "nhid", "tos", "gateway", "via", "dev", "table", "protocol", "scope",
        "prefsrc", "metric", "flags", "expires", "metrics", "pref", "nexthops", "nh_info", "flow",
    ];

    public void Routes(ImmutableArray<Route> routes, string ipRouteJson)
    {
        using var doc = JsonDocument.Parse(ipRouteJson);
        var arr = doc.RootElement.EnumerateArray().ToList();
        Check("route count", arr.Count, routes.Length);
        for (int i = 0; i < Math.Min(arr.Count, routes.Length); i++)
        {
            var j = arr[i];
            var r = routes[i];
            string w = $"route[{i}] {Str(j, "type")} {Str(j, "dst")} table {Str(j, "table")}";
            foreach (var p in j.EnumerateObject())
                if (!KnownRouteKeys.Contains(p.Name))
                    _diffs.Add($"{w}: ip prints '{p.Name}', which the model does not carry");

            var dst = Prefix(Str(j, "dst")!, r.Family);
            Check(w + " type", RouteTypeOf(Str(j, "type") ?? "unicast"), r.Type);
            Check(w + " family", dst.Family, r.Family);
            Check(w + " dst", dst, r.Dst);
            Check(w + " from", Str(j, "from") is { } f ? Prefix(f, r.Family) : (IpPrefix?)null, r.Src);
            Check(w + " nhid", (uint?)Long(j, "nhid"), r.NhId);
            Check(w + " tos", Str(j, "tos") is { } tos ? DsField(tos) : (byte)0, r.Tos);
            Check(w + " table", TableOf(Str(j, "table") ?? "main"), r.Table);
            Check(w + " protocol", ProtocolOf(Str(j, "protocol") ?? "boot"), r.Protocol);
            Check(w + " scope", ScopeOf(Str(j, "scope") ?? "global"), r.Scope);
            Check(w + " prefsrc", Ip(Str(j, "prefsrc")), r.PrefSrc);
            Check(w + " metric", (uint?)Long(j, "metric"), r.Metric);
            CheckLifetime(w + " expires", Long(j, "expires"), r.Expires);
            Check(w + " pref", Str(j, "pref") is { } pref ? PrefOf(pref) : (RouterPreference?)null, r.Pref);
            uint? mtu = null, hoplimit = null;
            if (j.TryGetProperty("metrics", out var mx))
                foreach (var m in mx.EnumerateArray())
                {
                    mtu ??= (uint?)Long(m, "mtu");
                    hoplimit ??= (uint?)Long(m, "hoplimit");
                }
            Check(w + " mtu", mtu, r.Mtu);
            Check(w + " hoplimit", hoplimit, r.HopLimit);

            bool multipath = j.TryGetProperty("nexthops", out var nhs);
            Check(w + " multipath", multipath, r.Multipath);
            var expectedNh = new List<Nexthop>();
            var routeFlags = NexthopFlags.None;
            if (multipath)
            {
                foreach (var nh in nhs.EnumerateArray())
                    expectedNh.Add(new Nexthop(Gateway(nh), Str(nh, "dev"), Int(nh, "weight") ?? 1, NhFlags(nh), Flow(nh)));
                routeFlags = NhFlags(j);
            }
            else if (Gateway(j) is not null || Str(j, "dev") is not null || Flow(j) is not null)
                expectedNh.Add(new Nexthop(Gateway(j), Str(j, "dev"), 1, NhFlags(j), Flow(j)));
            else
                routeFlags = NhFlags(j);
            Check(w + " route flags", routeFlags, r.Flags);
            Check(w + " nexthops", string.Join(" | ", expectedNh), string.Join(" | ", r.Nexthops));
        }
    }

    private static IPAddress? Gateway(JsonElement j) =>
        Ip(Str(j, "gateway")) ?? (j.TryGetProperty("via", out var via) ? Ip(Str(via, "host")) : null);

    private static NexthopFlags NhFlags(JsonElement j)
    {
        var flags = NexthopFlags.None;
        if (j.TryGetProperty("flags", out var fl))
            foreach (var f in fl.EnumerateArray())
                flags |= FlagNames[f.GetString()!];
        return flags;
    }

    private static uint? Flow(JsonElement j) =>
        j.TryGetProperty("flow", out var flow) ? (Realm(Str(flow, "from")) << 16) | Realm(Str(flow, "to")) : null;

    // ---- rules -------------------------------------------------------------------------------

    private static readonly HashSet<string> KnownRuleKeys =
    [
        "priority", "not", "src", "srclen", "dst", "dstlen", "tos", "fwmark", "fwmask", "iif", "iif_detached",
        "oif", "oif_detached", "l3mdev", "uid_start", "uid_end", "ipproto", "sport", "sport_start", "sport_end",
        "dport", "dport_start", "dport_end", "tun_id", "table", "suppress_prefixlen", "suppress_ifgroup",
        "flow_from", "flow_to", "goto", "unresolved", "nop", "action", "protocol",
    ];

    public void Rules(ImmutableArray<Rule> rules, string ipRule4Json, string ipRule6Json)
    {
        using var d4 = JsonDocument.Parse(ipRule4Json);
        using var d6 = JsonDocument.Parse(ipRule6Json);
        var arr = d4.RootElement.EnumerateArray().Select(e => (Family.Inet, e))
            .Concat(d6.RootElement.EnumerateArray().Select(e => (Family.Inet6, e))).ToList();
        Check("rule count", arr.Count, rules.Length);
        for (int i = 0; i < Math.Min(arr.Count, rules.Length); i++)
        {
            var (family, j) = arr[i];
            var r = rules[i];
            string w = $"rule[{i}] {family} {Long(j, "priority")}";
            foreach (var p in j.EnumerateObject())
                if (!KnownRuleKeys.Contains(p.Name))
                    _diffs.Add($"{w}: ip prints '{p.Name}', which the model does not carry");
            Check(w + " family", family, r.Family);
            Check(w + " priority", (uint)(Long(j, "priority") ?? 0), r.Priority);
            Check(w + " not", Has(j, "not"), r.Not);
            string src = Str(j, "src")!;
            Check(w + " from", src == "all" ? (IpPrefix?)null : new IpPrefix(Ip(src == "0" ? Zero(family) : src)!, Int(j, "srclen") ?? Max(family)), r.From);
            Check(w + " to", Str(j, "dst") is { } dst ? new IpPrefix(Ip(dst == "0" ? Zero(family) : dst)!, Int(j, "dstlen") ?? Max(family)) : (IpPrefix?)null, r.To);
            Check(w + " tos", Str(j, "tos") is { } tos ? DsField(tos) : (byte?)null, r.Tos);
            Check(w + " fwmark", Str(j, "fwmark") is { } mark ? Hex(mark) : (uint?)null, r.FwMark);
            // print_rule hides the mask 0xffffffff; the model keeps it beside the mark.
            Check(w + " fwmask", Str(j, "fwmask") is { } mask ? Hex(mask) : Str(j, "fwmark") is not null ? 0xFFFFFFFF : (uint?)null, r.FwMask);
            Check(w + " iif_detached", Has(j, "iif_detached"), r.IifDetached);
            Check(w + " oif_detached", Has(j, "oif_detached"), r.OifDetached);
            Check(w + " unresolved", Has(j, "unresolved"), r.Unresolved);
            Check(w + " iif", Str(j, "iif"), r.Iif);
            Check(w + " oif", Str(j, "oif"), r.Oif);
            Check(w + " l3mdev", Has(j, "l3mdev"), r.L3mdev);
            Check(w + " uidrange", Long(j, "uid_start") is long us ? new UidRange((uint)us, (uint)Long(j, "uid_end")!.Value) : (UidRange?)null, r.UidRange);
            Check(w + " ipproto", Str(j, "ipproto") is { } pr ? IpProto(pr) : (byte?)null, r.IpProto);
            Check(w + " sport", Ports(j, "sport"), r.SPort);
            Check(w + " dport", Ports(j, "dport"), r.DPort);
            Check(w + " tun_id", (ulong?)Long(j, "tun_id"), r.TunId);
            Check(w + " table", Str(j, "table") is { } t ? TableOf(t) : (uint?)null, r.Table);
            Check(w + " suppress_prefixlen", Int(j, "suppress_prefixlen"), r.SuppressPrefixLength);
            Check(w + " suppress_ifgroup", Str(j, "suppress_ifgroup") is { } g ? (g == "default" ? 0 : int.Parse(g, CultureInfo.InvariantCulture)) : (int?)null, r.SuppressIfGroup);
            uint? realms = null;
            if (Str(j, "flow_to") is { } to)
                realms = (uint)(Realm(Str(j, "flow_from")) << 16) | Realm(to);
            Check(w + " realms", realms, r.Realms);
            Check(w + " goto", (uint?)Long(j, "goto"), r.Goto);
            var action = Has(j, "nop") ? RuleAction.Nop
                : j.TryGetProperty("goto", out _) ? RuleAction.Goto
                : Str(j, "action") is { } act ? (RuleAction)RouteTypeOf(act)
                : RuleAction.Lookup;
            Check(w + " action", action, r.Action);
            Check(w + " protocol", Str(j, "protocol") is { } proto ? ProtocolOf(proto) : (byte?)null, r.Protocol);
        }
    }

    private static PortRange? Ports(JsonElement j, string key)
    {
        if (Long(j, key) is long p) return new PortRange((ushort)p, (ushort)p);
        if (Long(j, key + "_start") is long s) return new PortRange((ushort)s, (ushort)Long(j, key + "_end")!.Value);
        return null;
    }

    // ---- iproute2 names ----------------------------------------------------------------------

    private static readonly string[] RouteTypeNames =
        ["unspec", "unicast", "local", "broadcast", "anycast", "multicast", "blackhole", "unreachable", "prohibit", "throw", "nat", "xresolve"];

    private static RouteType RouteTypeOf(string s) => (RouteType)Array.IndexOf(RouteTypeNames, s);

    private static readonly Dictionary<string, byte> Protocols = new()
    {
        ["unspec"] = 0, ["redirect"] = 1, ["kernel"] = 2, ["boot"] = 3, ["static"] = 4, ["gated"] = 8, ["ra"] = 9,
        ["mrt"] = 10, ["zebra"] = 11, ["bird"] = 12, ["dnrouted"] = 13, ["xorp"] = 14, ["ntk"] = 15, ["dhcp"] = 16,
        ["keepalived"] = 18, ["babel"] = 42, ["openr"] = 99, ["bgp"] = 186, ["isis"] = 187, ["ospf"] = 188,
        ["rip"] = 189, ["eigrp"] = 192,
    };

    private static byte ProtocolOf(string s) => Protocols.TryGetValue(s, out var p) ? p : byte.Parse(s, CultureInfo.InvariantCulture);

    private static Scope ScopeOf(string s) => s switch
    {
        "global" => Scope.Global,
        "site" => Scope.Site,
        "link" => Scope.Link,
        "host" => Scope.Host,
        "nowhere" => Scope.Nowhere,
        _ => (Scope)byte.Parse(s, CultureInfo.InvariantCulture),
    };

    private static uint TableOf(string s) =>
        TableNames.Builtin.TryResolve(s, out uint id) ? id : throw new FormatException($"table '{s}'");

    private static RouterPreference PrefOf(string s) => s switch
    {
        "low" => RouterPreference.Low,
        "medium" => RouterPreference.Medium,
        "high" => RouterPreference.High,
        _ => (RouterPreference)byte.Parse(s, CultureInfo.InvariantCulture),
    };

    private static readonly Dictionary<string, byte> DsFieldNames = new()
    {
        ["default"] = 0, ["AF11"] = 0x28, ["AF12"] = 0x30, ["AF13"] = 0x38, ["AF21"] = 0x48, ["AF22"] = 0x50,
        ["AF23"] = 0x58, ["AF31"] = 0x68, ["AF32"] = 0x70, ["AF33"] = 0x78, ["AF41"] = 0x88, ["AF42"] = 0x90,
        ["AF43"] = 0x98, ["CS1"] = 0x20, ["CS2"] = 0x40, ["CS3"] = 0x60, ["CS4"] = 0x80, ["CS5"] = 0xA0,
        ["CS6"] = 0xC0, ["CS7"] = 0xE0, ["EF"] = 0xB8,
    };

    private static byte DsField(string s) => DsFieldNames.TryGetValue(s, out var v) ? v : (byte)Hex(s);

    private static byte IpProto(string s) => s switch
    {
        "icmp" => 1,
        "tcp" => 6,
        "udp" => 17,
        "ipv6-icmp" => 58,
        _ when s.StartsWith("ipproto-", StringComparison.Ordinal) => byte.Parse(s[8..], CultureInfo.InvariantCulture),
        _ => throw new FormatException($"ipproto '{s}'"),
    };

    private static uint Realm(string? s) => s switch
    {
        null => 0,
        "cosmos" => 0,
        _ => uint.Parse(s, CultureInfo.InvariantCulture),
    };

    private static uint Hex(string s) => s.StartsWith("0x", StringComparison.Ordinal)
        ? uint.Parse(s.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)
        : uint.Parse(s, CultureInfo.InvariantCulture);

    // ---- JSON helpers ------------------------------------------------------------------------

    private static string Zero(Family f) => f == Family.Inet ? "0.0.0.0" : "::";

    private static int Max(Family f) => f == Family.Inet ? 32 : 128;

    private static IpPrefix Prefix(string s, Family family)
    {
        if (s == "default")
            return IpPrefix.Default(family);
        int slash = s.IndexOf('/');
        var addr = IPAddress.Parse(slash < 0 ? s : s[..slash]);
        var p = new IpPrefix(addr, 0);
        return new IpPrefix(addr, slash < 0 ? p.MaxLength : int.Parse(s[(slash + 1)..], CultureInfo.InvariantCulture));
    }

    private static IPAddress? Ip(string? s) => s is null ? null : IPAddress.Parse(s);

    private static bool Has(JsonElement j, string key) => j.TryGetProperty(key, out _);

    private static string? Str(JsonElement j, string key) =>
        j.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static long? Long(JsonElement j, string key) =>
        j.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;

    private static int? Int(JsonElement j, string key) => (int?)Long(j, key);
}
