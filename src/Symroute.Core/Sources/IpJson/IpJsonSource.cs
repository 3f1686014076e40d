using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Symroute.Model;

namespace Symroute.Sources;

/// <summary>
/// Host state from the JSON iproute2 prints (<c>ip -json addr|route|rule show</c>), read with
/// Utf8JsonReader only (Native-AOT safe, no reflection). Unknown keys are skipped, so newer
/// iproute2 versions still parse; unknown values (a route type, a table name) are errors.
/// </summary>
public static class IpJsonSource
{
    /// <summary>Parses every part of <paramref name="input"/> into one HostState (sysctls empty).</summary>
    /// <exception cref="InputException">Malformed or truncated JSON, or a value iproute2 would not print.</exception>
    public static HostState Parse(IpJsonInput input)
    {
        var names = input.Names ?? TableNames.Builtin;
        var pool = new StringPool();
        var links = ImmutableArray.CreateBuilder<LinkInfo>();
        var addresses = ImmutableArray.CreateBuilder<InterfaceAddress>();
        if (input.AddrJson is not null)
            ParseLinks(Encoding.UTF8.GetBytes(input.AddrJson), input.AddrFile, links, addresses, pool);

        var routes4 = ImmutableArray.CreateBuilder<Route>();
        var routes6 = ImmutableArray.CreateBuilder<Route>();
        if (input.Route4Json is not null)
        {
            var all = ImmutableArray.CreateBuilder<Route>();
            ParseRoutes(Encoding.UTF8.GetBytes(input.Route4Json), input.Route4File, null, names, all, pool);
            foreach (var r in all)
            {
                if (r.Family == Family.Inet) routes4.Add(r);
                else if (input.Route6Json is null) routes6.Add(r);
            }
        }
        if (input.Route6Json is not null)
            ParseRoutes(Encoding.UTF8.GetBytes(input.Route6Json), input.Route6File, Family.Inet6, names, routes6, pool);

        var rules = ImmutableArray.CreateBuilder<Rule>();
        if (input.Rule4Json is not null)
            ParseRules(Encoding.UTF8.GetBytes(input.Rule4Json), input.Rule4File, Family.Inet, names, rules, pool);
        if (input.Rule6Json is not null)
            ParseRules(Encoding.UTF8.GetBytes(input.Rule6Json), input.Rule6File, Family.Inet6, names, rules, pool);

        routes4.AddRange(routes6);
        return new HostState(
            SortLinks(links.ToImmutable()),
            SortAddresses(links.ToImmutable(), addresses.ToImmutable()),
            routes4.ToImmutable(),
            rules.ToImmutable(),
            Sysctls.Empty,
            names);
    }

    /// <summary>
    /// The fast path for a large <c>ip -json route show table all</c>: streams the UTF-8 bytes and
    /// appends each route to <paramref name="into"/>. <paramref name="family"/> null = infer per route
    /// (IPv6 routes always carry <c>pref</c>).
    /// </summary>
    public static void ParseRoutes(ReadOnlyMemory<byte> utf8, string file, Family? family, TableNames names, ImmutableArray<Route>.Builder into) =>
        ParseRoutes(utf8, file, family, names, into, new StringPool());

    /// <summary>Parses <c>ip -json route show …</c> into a list.</summary>
    public static ImmutableArray<Route> ParseRoutes(ReadOnlyMemory<byte> utf8, string file, Family? family, TableNames names)
    {
        var b = ImmutableArray.CreateBuilder<Route>();
        ParseRoutes(utf8, file, family, names, b);
        return b.ToImmutable();
    }

    /// <summary>Parses <c>ip -json [-6] rule show</c>.</summary>
    public static ImmutableArray<Rule> ParseRules(ReadOnlyMemory<byte> utf8, string file, Family family, TableNames names)
    {
        var b = ImmutableArray.CreateBuilder<Rule>();
        ParseRules(utf8, file, family, names, b, new StringPool());
        return b.ToImmutable();
    }

    /// <summary>Parses <c>ip -json addr show</c> into links (ifindex order) and addresses (HostState order).</summary>
    public static (ImmutableArray<LinkInfo> Links, ImmutableArray<InterfaceAddress> Addresses) ParseLinks(ReadOnlyMemory<byte> utf8, string file)
    {
        var links = ImmutableArray.CreateBuilder<LinkInfo>();
        var addresses = ImmutableArray.CreateBuilder<InterfaceAddress>();
        ParseLinks(utf8, file, links, addresses, new StringPool());
        var l = links.ToImmutable();
        return (SortLinks(l), SortAddresses(l, addresses.ToImmutable()));
    }

    internal static void ParseRoutes(ReadOnlyMemory<byte> utf8, string file, Family? family, TableNames names, ImmutableArray<Route>.Builder into, StringPool pool)
    {
        var body = utf8.Length >= 3 && Bom(utf8.Span).Length != utf8.Length ? utf8[3..] : utf8;
        var scanned = ImmutableArray.CreateBuilder<Route>();
        int end = IpJsonRouteScanner.TryReadArray(body, 0, body.Length, family, names, pool, scanned);
        if (end >= 0 && JsonContext.IsBlank(body.Span[end..]))
        {
            into.AddRange(scanned);
            return;
        }
        var cx = new JsonContext(file, utf8, names, pool);
        var r = new Utf8JsonReader(Bom(utf8.Span), JsonContext.ReaderOptions);
        Run(cx, ref r, (ref Utf8JsonReader rd) => IpJsonRoutes.ReadArray(ref rd, cx, family, into));
    }

    internal static void ParseRules(ReadOnlyMemory<byte> utf8, string file, Family family, TableNames names, ImmutableArray<Rule>.Builder into, StringPool pool)
    {
        var cx = new JsonContext(file, utf8, names, pool);
        var r = new Utf8JsonReader(Bom(utf8.Span), JsonContext.ReaderOptions);
        Run(cx, ref r, (ref Utf8JsonReader rd) => IpJsonRules.ReadArray(ref rd, cx, family, into));
    }

    internal static void ParseLinks(ReadOnlyMemory<byte> utf8, string file, ImmutableArray<LinkInfo>.Builder links, ImmutableArray<InterfaceAddress>.Builder addresses, StringPool pool)
    {
        var cx = new JsonContext(file, utf8, TableNames.Builtin, pool);
        var r = new Utf8JsonReader(Bom(utf8.Span), JsonContext.ReaderOptions);
        Run(cx, ref r, (ref Utf8JsonReader rd) => IpJsonLinks.ReadArray(ref rd, cx, links, addresses));
    }

    internal delegate void ReaderAction(ref Utf8JsonReader r);

    /// <summary>Runs one top-level read, turning reader failures into InputException and requiring nothing after the value.</summary>
    internal static void Run(JsonContext cx, ref Utf8JsonReader r, ReaderAction read)
    {
        try
        {
            cx.RequireUtf8();
            if (JsonContext.IsBlank(cx.Data.Span))
                throw new InputException($"{cx.File}: empty input (expected a JSON array)");
            r.Read();
            read(ref r);
            if (r.Read())
                throw cx.Error(ref r, "unexpected data after the JSON value");
        }
        catch (JsonException e)
        {
            throw cx.Wrap(e);
        }
    }

    private static ReadOnlySpan<byte> Bom(ReadOnlySpan<byte> s) =>
        s.Length >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF ? s[3..] : s;

    internal static ImmutableArray<LinkInfo> SortLinks(ImmutableArray<LinkInfo> links)
    {
        for (int i = 1; i < links.Length; i++)
            if (links[i - 1].Index > links[i].Index)
                return [.. links.OrderBy(l => l.Index)];
        return links;
    }

    /// <summary>HostState's address order: by device in link order, IPv4 before IPv6, kernel order kept inside.</summary>
    internal static ImmutableArray<InterfaceAddress> SortAddresses(ImmutableArray<LinkInfo> links, ImmutableArray<InterfaceAddress> addresses)
    {
        var rank = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var l in links.OrderBy(l => l.Index))
            rank.TryAdd(l.Name, rank.Count);
        return [.. addresses
            .Select((a, i) => (a, i))
            .OrderBy(x => rank.TryGetValue(x.a.Dev, out int k) ? k : int.MaxValue)
            .ThenBy(x => x.a.Family == Family.Inet ? 0 : 1)
            .ThenBy(x => x.i)
            .Select(x => x.a)];
    }
}
