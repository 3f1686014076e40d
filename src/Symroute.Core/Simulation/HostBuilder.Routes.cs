using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using Symroute.Model;
using Symroute.Sources;

namespace Symroute.Simulation;

public sealed partial class HostBuilder
{
    /// <summary>
    /// Runs one <c>ip route</c> command, without the leading <c>ip route</c>: <c>add|append|prepend|replace|del</c>
    /// then ip's words (<c>[TYPE] PREFIX [tos T] [from P] [via GW] [dev D] [table T] [proto P]
    /// [scope S] [src A] [metric N] [onlink] [mtu N] [hoplimit N] [pref P] [expires N] [nexthop …]</c>).
    /// A leading <c>-4</c>/<c>-6</c> sets the family (needed for <c>default</c> without addresses).
    /// </summary>
    public HostBuilder Route(string command)
    {
        var words = new Queue<string>(command.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Family? family = null;
        while (words.Count > 0 && words.Peek() is "-4" or "-6")
            family = words.Dequeue() == "-4" ? Family.Inet : Family.Inet6;
        if (words.Count == 0)
            throw new HostBuilderException("Command line is not complete. Try option \"help\"");
        string verb = words.Dequeue();
        var route = ParseRoute(words, family, verb == "del");
        switch (verb)
        {
            case "add": return AddRoute(route, RouteAddMode.Add);
            case "append": return AddRoute(route, RouteAddMode.Append);
            case "prepend": return AddRoute(route, RouteAddMode.Prepend);
            case "replace": return AddRoute(route, RouteAddMode.Replace);
            case "del" or "delete": return DelRoute(route);
            default: throw new HostBuilderException($"Command \"{verb}\" is unknown, try \"ip route help\".");
        }
    }

    /// <summary>Adds a route as <c>ip route add|append|prepend|replace</c> would, with the kernel's checks.</summary>
    public HostBuilder AddRoute(Route route, RouteAddMode mode = RouteAddMode.Add)
    {
        route = Resolve(route with { Dst = route.Dst.Network() });
        var list = GetTable(route.Family, route.Table);
        Insert(list, route, mode);
        return this;
    }

    /// <summary>The kernel's checks at insert time; fills in the device of gateway nexthops given without one.</summary>
    private Route Resolve(Route r)
    {
        if (r.Type == RouteType.Nat)
            throw new HostBuilderException("Error: Invalid scope.");
        var nexthops = r.Nexthops.IsDefault ? ImmutableArray<Nexthop>.Empty : r.Nexthops;
        var resolved = ImmutableArray.CreateBuilder<Nexthop>(nexthops.Length);
        foreach (var nh in nexthops)
        {
            LinkState? dev = nh.Dev is null ? null : Link(nh.Dev);
            var n = nh;
            if (nh.IsOnLink && (dev is null || !dev.Up))
                throw new HostBuilderException(dev is null ? "Error: Nexthop device required for onlink." : "Error: Nexthop device is not up.");
            if (nh.Gateway is not null && !nh.IsOnLink && r.Type == RouteType.Unicast)
                n = nh with { Dev = CheckGateway(r, nh, dev) };
            else if (r.Family == Family.Inet && dev is not null && !dev.Up && !r.IsError)
                throw new HostBuilderException("Error: Device for nexthop is not up.");
            resolved.Add(n);
        }
        if (r.PrefSrc is not null)
        {
            bool local = r.Family == Family.Inet
                ? _v4.Values.Any(l => l.Any(a => a.Local.Equals(r.PrefSrc)))
                : _v6.Values.Any(l => l.Any(a => a.Local.Equals(r.PrefSrc)));
            if (!local)
                throw new HostBuilderException(r.Family == Family.Inet ? "Error: Invalid prefsrc address." : "Error: Invalid source address.");
        }
        return r with { Nexthops = resolved.ToImmutable() };
    }

    /// <summary>
    /// fib_check_nh_v4_gw / ip6_route_check_nh: the gateway must be reachable through a route of scope
    /// link or host (a connected or local route, on the given device if any): first in the route's own
    /// table unless main, then local and main. Returns the device the nexthop uses.
    /// </summary>
    private string CheckGateway(Route r, Nexthop nh, LinkState? dev)
    {
        if (r.Family == Family.Inet6 && dev is not null)
            return dev.Name;
        byte minScope = (byte)(r.Scope + 1);
        var tables = new List<uint>();
        if (r.Table != RouteTableId.Main) tables.Add(r.Table);
        tables.Add(RouteTableId.Local);
        tables.Add(RouteTableId.Main);
        foreach (var t in tables)
        {
            if (!_routes.TryGetValue((r.Family, t), out var list))
                continue;
            var hit = list.Where(x => x.Dst.Contains(nh.Gateway!) && x.Type is RouteType.Unicast or RouteType.Local
                    && !x.Nexthops.IsDefaultOrEmpty && x.FirstNexthop!.Gateway is null
                    && (r.Family == Family.Inet6 || (byte)x.Scope >= minScope))
                .OrderByDescending(x => x.Dst.Length).FirstOrDefault();
            if (hit is null)
                continue;
            var hitDev = hit.FirstNexthop!.Dev!;
            if (dev is not null && hitDev != dev.Name)
                throw new HostBuilderException("Error: Nexthop has invalid gateway.");
            if (!Link(hitDev).Up)
                throw new HostBuilderException("Error: Nexthop device is not up.");
            return hitDev;
        }
        throw new HostBuilderException("Error: Nexthop has invalid gateway.");
    }

    private static void Insert(List<Route> list, Route r, RouteAddMode mode)
    {
        bool Same(Route x) => x.Dst == r.Dst && (r.Family == Family.Inet6 || x.Tos == r.Tos) && (x.Metric ?? 0) == (r.Metric ?? 0)
            && (r.Family == Family.Inet || x.Src == r.Src);
        int first = list.FindIndex(Same);
        if (r.Family == Family.Inet6 && first >= 0 && mode is RouteAddMode.Append or RouteAddMode.Add
            && r.Type == RouteType.Unicast && list[first].Type == RouteType.Unicast
            && r.FirstNexthop?.Gateway is not null && list[first].FirstNexthop?.Gateway is not null
            && list[first].Protocol != RouteProtocol.Ra && r.Protocol != RouteProtocol.Ra)
        {
            if (mode == RouteAddMode.Add)
                throw new HostBuilderException("RTNETLINK answers: File exists");
            // fib6_add_rt2node: appended gateway routes of one metric become ECMP siblings.
            var old = list[first];
            if (old.Nexthops.Any(n => r.Nexthops.Any(m => Equals(m.Gateway, n.Gateway) && m.Dev == n.Dev)))
                throw new HostBuilderException("RTNETLINK answers: File exists");
            list[first] = old with { Nexthops = old.Nexthops.AddRange(r.Nexthops), Multipath = true };
            return;
        }
        switch (mode)
        {
            case RouteAddMode.Add when first >= 0:
                throw new HostBuilderException("RTNETLINK answers: File exists");
            case RouteAddMode.Replace when first >= 0:
                list[first] = r;
                return;
            case RouteAddMode.Prepend when first >= 0:
                list.Insert(first, r);
                return;
        }
        if (list.Any(x => x == r))
            throw new HostBuilderException("RTNETLINK answers: File exists");
        // After every alias that sorts before or equal to the new one: same prefix with higher tos,
        // or the same tos and a metric ≤ the new one (append order among equals).
        int at = list.Count;
        for (int i = 0; i < list.Count; i++)
        {
            var x = list[i];
            if (x.Dst != r.Dst || (r.Family == Family.Inet6 && x.Src != r.Src))
                continue;
            bool before = r.Family == Family.Inet
                ? x.Tos < r.Tos || (x.Tos == r.Tos && (x.Metric ?? 0) > (r.Metric ?? 0))
                : (x.Metric ?? 0) > (r.Metric ?? 0);
            if (before) { at = i; break; }
        }
        list.Insert(at, r);
    }

    private HostBuilder DelRoute(Route r)
    {
        var key = (r.Family, r.Table);
        if (!_routes.TryGetValue(key, out var list))
            throw new HostBuilderException("RTNETLINK answers: No such process");
        int i = list.FindIndex(x => x.Dst == r.Dst.Network() && (r.Type == RouteType.Unicast || x.Type == r.Type)
            && (r.Metric is null || x.Metric == r.Metric)
            && (r.FirstNexthop?.Dev is null || x.Nexthops.Any(n => n.Dev == r.FirstNexthop.Dev))
            && (r.FirstNexthop?.Gateway is null || x.Nexthops.Any(n => Equals(n.Gateway, r.FirstNexthop.Gateway))));
        if (i < 0)
            throw new HostBuilderException("RTNETLINK answers: No such process");
        list.RemoveAt(i);
        return this;
    }

    private Route ParseRoute(Queue<string> w, Family? family, bool forDelete)
    {
        RouteType type = RouteType.Unicast;
        bool typeGiven = false;
        IpPrefix? dst = null;
        IpPrefix? src = null;
        uint? table = null;
        byte protocol = RouteProtocol.Boot;
        Scope? scope = null;
        IPAddress? prefsrc = null;
        uint? metric = null;
        byte tos = 0;
        uint? mtu = null, hoplimit = null, expires = null;
        RouterPreference? pref = null;
        IPAddress? via = null;
        string? dev = null;
        var flags = NexthopFlags.None;
        var nexthops = new List<Nexthop>();

        IPAddress Addr(string text)
        {
            if (!IPAddress.TryParse(text, out var a) || (family is not null && Fam(a) != family))
                throw new HostBuilderException($"Error: {(family == Family.Inet6 ? "inet6" : family == Family.Inet ? "inet" : "any valid")} address is expected rather than \"{text}\".");
            family ??= Fam(a);
            return a;
        }

        while (w.Count > 0)
        {
            string word = w.Dequeue();
            switch (word)
            {
                case "tos" or "dsfield":
                    if (!Strtoul.TryParseDsfield(Next(w, word), out tos)) throw Invalid(word);
                    break;
                case "from":
                    src = Prefix(Next(w, word), ref family);
                    break;
                case "via":
                {
                    string g = Next(w, word);
                    if (g is "inet" or "inet6") g = Next(w, word);
                    via = Addr(g);
                    break;
                }
                case "dev" or "oif":
                    dev = Next(w, word);
                    Link(dev);
                    break;
                case "table":
                {
                    string tv = Next(w, word);
                    if (!TryTable(tv, out uint id)) throw new HostBuilderException($"Error: argument \"{tv}\" is wrong: \"table\" value is invalid");
                    table = id;
                    break;
                }
                case "proto" or "protocol":
                    protocol = ProtocolNumber(Next(w, word));
                    break;
                case "scope":
                    scope = ScopeNumber(Next(w, word));
                    break;
                case "src":
                    prefsrc = Addr(Next(w, word));
                    break;
                case "metric" or "priority" or "preference":
                    metric = UInt(Next(w, word), word);
                    break;
                case "onlink":
                    flags |= NexthopFlags.OnLink;
                    break;
                case "mtu":
                {
                    string v = Next(w, word);
                    if (v == "lock") v = Next(w, word);
                    mtu = UInt(v, word);
                    break;
                }
                case "hoplimit":
                    hoplimit = UInt(Next(w, word), word);
                    break;
                case "expires":
                    expires = UInt(Next(w, word), word);
                    break;
                case "pref":
                    pref = Next(w, word) switch
                    {
                        "low" => RouterPreference.Low,
                        "medium" => RouterPreference.Medium,
                        "high" => RouterPreference.High,
                        var v => throw new HostBuilderException($"Error: argument \"{v}\" is wrong: \"pref\" value is invalid"),
                    };
                    break;
                case "nexthop":
                    nexthops.Add(ParseNexthop(w, ref family));
                    break;
                case "to":
                    dst = Prefix(Next(w, word), ref family);
                    break;
                default:
                    if (!typeGiven && dst is null && TypeNumber(word) is RouteType rt)
                    {
                        type = rt;
                        typeGiven = true;
                        break;
                    }
                    if (dst is not null)
                        throw new HostBuilderException($"Error: either \"to\" is duplicate, or \"{word}\" is a garbage.");
                    dst = Prefix(word, ref family);
                    break;
            }
        }
        if (dst is null)
            throw new HostBuilderException("Error: \"to\" is missing.");
        family ??= dst.Value.Family;
        if (nexthops.Count == 0 && (via is not null || dev is not null))
            nexthops.Add(new Nexthop(via, dev, 1, flags));
        else if (nexthops.Count == 0 && family == Family.Inet6 && type is RouteType.Unreachable or RouteType.Prohibit or RouteType.Blackhole or RouteType.Throw)
            nexthops.Add(new Nexthop(null, "lo"));
        if (!forDelete && nexthops.Count == 0 && type is RouteType.Unicast or RouteType.Local or RouteType.Broadcast or RouteType.Multicast or RouteType.Anycast)
            throw new HostBuilderException("Error: Nexthop device required.");
        // iproute_modify defaults: local/broadcast/nat/anycast go to table local; scope from type and gateway.
        table ??= type is RouteType.Local or RouteType.Broadcast or RouteType.Nat or RouteType.Anycast ? RouteTableId.Local : RouteTableId.Main;
        scope ??= type switch
        {
            RouteType.Local or RouteType.Nat => Scope.Host,
            RouteType.Broadcast or RouteType.Multicast or RouteType.Anycast => Scope.Link,
            RouteType.Unicast when nexthops.Count > 0 && nexthops.All(n => n.Gateway is null) => Scope.Link,
            _ => Scope.Global,
        };
        if (family == Family.Inet6)
        {
            metric ??= 1024;
            pref ??= RouterPreference.Medium;
            scope = Scope.Global;
        }
        return new Route(family.Value, table.Value, type, dst.Value, nexthops.ToImmutableArray(), scope.Value, protocol,
            family == Family.Inet && metric == 0 ? null : metric, prefsrc, tos, src, expires, pref, null, mtu, hoplimit, nexthops.Count > 1);
    }

    private Nexthop ParseNexthop(Queue<string> w, ref Family? family)
    {
        IPAddress? via = null;
        string? dev = null;
        int weight = 1;
        var flags = NexthopFlags.None;
        while (w.Count > 0 && w.Peek() is "via" or "dev" or "weight" or "onlink")
        {
            string word = w.Dequeue();
            switch (word)
            {
                case "via":
                    string g = Next(w, word);
                    if (g is "inet" or "inet6") g = Next(w, word);
                    if (!IPAddress.TryParse(g, out via)) throw Invalid(word);
                    family ??= Fam(via);
                    break;
                case "dev":
                    dev = Next(w, word);
                    Link(dev);
                    break;
                case "weight":
                    weight = (int)UInt(Next(w, word), word);
                    if (weight is < 1 or > 256) throw Invalid(word);
                    break;
                case "onlink":
                    flags |= NexthopFlags.OnLink;
                    break;
            }
        }
        return new Nexthop(via, dev, weight, flags);
    }

    private static Family Fam(IPAddress a) => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? Family.Inet6 : Family.Inet;

    private static IpPrefix Prefix(string text, ref Family? family)
    {
        if (text is "default" or "all" or "any")
            return IpPrefix.Default(family ?? Family.Inet);
        if (!IpPrefix.TryParse(text, family, out var p))
            throw new HostBuilderException($"Error: {(family == Family.Inet6 ? "inet6" : family == Family.Inet ? "inet" : "any valid")} prefix is expected rather than \"{text}\".");
        family ??= p.Value.Family;
        return p.Value;
    }

    private static string Next(Queue<string> w, string after) =>
        w.Count > 0 ? w.Dequeue() : throw new HostBuilderException("Command line is not complete. Try option \"help\"");

    private static HostBuilderException Invalid(string word) => new($"Error: argument is wrong: \"{word}\" value is invalid");

    private static uint UInt(string text, string word) =>
        Strtoul.TryParse(text, out ulong v) && v <= uint.MaxValue ? (uint)v : throw Invalid(word);

    private bool TryTable(string text, out uint id)
    {
        foreach (var (k, v) in _tableNames)
            if (v == text) { id = k; return true; }
        if (Strtoul.TryParse(text, out ulong n) && n <= uint.MaxValue) { id = (uint)n; return true; }
        id = 0;
        return false;
    }

    internal static RouteType? TypeNumber(string word) => word switch
    {
        "unicast" => RouteType.Unicast,
        "local" => RouteType.Local,
        "broadcast" => RouteType.Broadcast,
        "anycast" => RouteType.Anycast,
        "multicast" => RouteType.Multicast,
        "blackhole" => RouteType.Blackhole,
        "unreachable" => RouteType.Unreachable,
        "prohibit" => RouteType.Prohibit,
        "throw" => RouteType.Throw,
        "nat" => RouteType.Nat,
        _ => null,
    };

    internal static byte ProtocolNumber(string text) =>
        ProtocolNames.TryParse(text, out byte p) ? p
            : throw new HostBuilderException($"Error: argument \"{text}\" is wrong: \"protocol\" value is invalid");

    private static Scope ScopeNumber(string text) => text switch
    {
        "global" or "universe" => Scope.Global,
        "site" => Scope.Site,
        "link" => Scope.Link,
        "host" => Scope.Host,
        "nowhere" => Scope.Nowhere,
        _ => Strtoul.TryParse(text, out ulong v) && v <= 255 ? (Scope)(byte)v
            : throw new HostBuilderException($"Error: argument \"{text}\" is wrong: invalid \"scope\" value"),
    };
}
