using System.Collections.Immutable;
using System.Net;
using Symroute.Model;

namespace Symroute.Sources;

/// <summary>
/// The fast path for the route arrays of a full table (<c>ip -json route show table all</c>, a
/// snapshot's <c>routes4</c>/<c>routes6</c>): scans the UTF-8 bytes directly instead of
/// tokenizing them with a Utf8JsonReader, and splits a large array between the cores. It takes
/// only what <see cref="IpJsonRoutes.ReadRoute"/> reads the same way (plain ASCII strings, plain
/// integers, the keys print_route writes for table routes) and builds every route with
/// <see cref="IpJsonRoutes.Make"/>; on anything else (escapes, unknown keys, an error of any kind)
/// it gives up and the caller reads the array with <see cref="IpJsonRoutes.ReadArray"/>, which
/// reports errors where they are.
/// </summary>
internal static class IpJsonRouteScanner
{
    /// <summary>Below this many bytes an array is read on one thread.</summary>
    private const int ParallelThreshold = 4 << 20;

    /// <summary>
    /// Reads the array starting at <paramref name="start"/> (its <c>[</c>, after any blanks) into
    /// <paramref name="into"/>. <paramref name="endHint"/> is where the array probably ends (for
    /// splitting it; any value is correct). Returns the offset just after the closing <c>]</c>, or
    /// -1 (nothing added) when the fast path cannot read it.
    /// </summary>
    public static int TryReadArray(ReadOnlyMemory<byte> data, int start, int endHint, Family? family, TableNames names, StringPool pool,
        ImmutableArray<Route>.Builder into)
    {
        var d = data.Span;
        int p = SkipBlank(d, start);
        if (p >= d.Length || d[p] != (byte)'[')
            return -1;
        p = SkipBlank(d, p + 1);
        if (p < d.Length && d[p] == (byte)']')
            return p + 1;

        // Split points: route boundaries near equal shares of the array's probable extent.
        int parts = Math.Min(Environment.ProcessorCount, 4);
        endHint = Math.Clamp(endHint, p, d.Length);
        var starts = new List<int> { p };
        if (parts > 1 && endHint - p >= ParallelThreshold)
        {
            for (int k = 1; k < parts; k++)
            {
                int s = NextRouteStart(d, p + (int)((long)(endHint - p) * k / parts), endHint);
                if (s > starts[^1])
                    starts.Add(s);
            }
        }

        var chunks = new Chunk[starts.Count];
        if (chunks.Length == 1)
            chunks[0] = Scan(data, p, int.MaxValue, family, names, pool);
        else
        {
            Parallel.For(0, chunks.Length, k =>
                chunks[k] = Scan(data, starts[k], k + 1 < starts.Count ? starts[k + 1] : int.MaxValue, family, names, k == 0 ? pool : new StringPool()));
        }

        // Chunk k is good when it started where chunk k-1 stopped: then it read what a single scan
        // would have. A chunk that ran past its successor's start (the split was not a route
        // boundary) is carried on alone instead.
        var routes = new List<Route>(chunks[0].Routes.Count * chunks.Length);
        for (int k = 0; k < chunks.Length; k++)
        {
            var c = chunks[k];
            if (c.End < 0)
                return -1;
            routes.AddRange(c.Routes);
            if (c.ArrayEnded)
            {
                into.AddRange(routes);
                return c.End;
            }
            if (k + 1 == chunks.Length || c.End != starts[k + 1])
            {
                var rest = Scan(data, c.End, int.MaxValue, family, names, pool);
                if (rest.End < 0 || !rest.ArrayEnded)
                    return -1;
                routes.AddRange(rest.Routes);
                into.AddRange(routes);
                return rest.End;
            }
        }
        return -1;
    }

    /// <summary>Offset of a route object's <c>{</c> at or after <paramref name="from"/>: after <c>},</c>, followed by a "dst" or "type" key.</summary>
    private static int NextRouteStart(ReadOnlySpan<byte> d, int from, int end)
    {
        for (int i = from; i < end; i++)
        {
            int brace = d[i..end].IndexOf((byte)'{');
            if (brace < 0)
                return -1;
            i += brace;
            int b = i - 1;
            while (b > 0 && IsBlank(d[b])) b--;
            if (b <= 0 || d[b] != (byte)',') continue;
            b--;
            while (b > 0 && IsBlank(d[b])) b--;
            if (d[b] != (byte)'}') continue;
            int k = SkipBlank(d, i + 1);
            var key = d[k..Math.Min(d.Length, k + 7)];
            if (key.StartsWith("\"dst\""u8) || key.StartsWith("\"type\""u8))
                return i;
        }
        return -1;
    }

    private static bool IsBlank(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r';

    private static int SkipBlank(ReadOnlySpan<byte> d, int i)
    {
        while (i < d.Length && IsBlank(d[i]))
            i++;
        return i;
    }

    /// <summary>
    /// What one scan read: the routes, where it stopped (after the array's <c>]</c> when
    /// <see cref="ArrayEnded"/>, else at the first route starting at or after its stop offset;
    /// -1 when it gave up).
    /// </summary>
    private readonly record struct Chunk(List<Route> Routes, int End, bool ArrayEnded);

    private static Chunk Scan(ReadOnlyMemory<byte> data, int start, int stopAt, Family? family, TableNames names, StringPool pool)
    {
        var s = new Scanner(data.Span, start, names, pool);
        var routes = new List<Route>();
        try
        {
            while (true)
            {
                if (s.Pos >= stopAt)
                    return new Chunk(routes, s.Pos, false);
                if (!s.TryRoute(family, out var route))
                    return new Chunk(routes, -1, false);
                routes.Add(route);
                s.Blank();
                byte c = s.Peek();
                s.Pos++;
                if (c == (byte)']')
                    return new Chunk(routes, s.Pos, true);
                if (c != (byte)',')
                    return new Chunk(routes, -1, false);
                s.Blank();
            }
        }
        catch (Exception e) when (e is InputException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return new Chunk(routes, -1, false);
        }
    }

    /// <summary>One thread's cursor. Every Try method returns false (position undefined) on what it does not take.</summary>
    private ref struct Scanner
    {
        private readonly ReadOnlySpan<byte> _d;
        private readonly TableNames _names;
        private readonly StringPool _pool;
        private readonly char[] _chars = new char[256];
        private readonly Dictionary<string, uint> _tables = new(StringComparer.Ordinal);
        public int Pos;

        public Scanner(ReadOnlySpan<byte> d, int pos, TableNames names, StringPool pool)
        {
            _d = d;
            Pos = pos;
            _names = names;
            _pool = pool;
        }

        /// <summary>The byte at the cursor, or 0 at the end.</summary>
        public readonly byte Peek() => Pos < _d.Length ? _d[Pos] : (byte)0;

        public void Blank()
        {
            // Locals: the loop runs over a third of an indented snapshot's bytes.
            var d = _d;
            int p = Pos;
            while ((uint)p < (uint)d.Length && d[p] <= (byte)' ' && IsBlank(d[p]))
                p++;
            Pos = p;
        }

        private bool Take(byte c)
        {
            var d = _d;
            int p = Pos;
            while ((uint)p < (uint)d.Length && d[p] <= (byte)' ' && IsBlank(d[p]))
                p++;
            if ((uint)p >= (uint)d.Length || d[p] != c)
            {
                Pos = p;
                return false;
            }
            Pos = p + 1;
            return true;
        }

        /// <summary>A string of printable ASCII without escapes; the bytes between the quotes.</summary>
        private bool TryBytes(out ReadOnlySpan<byte> value)
        {
            value = default;
            if (!Take((byte)'"'))
                return false;
            int start = Pos;
            // The string must be printable ASCII up to its closing quote: control characters,
            // non-ASCII and escapes are left to the reader.
            int quote = _d[start..].IndexOfAny((byte)'"', (byte)'\\');
            if (quote < 0 || _d[start + quote] != (byte)'"')
                return false;
            var run = _d.Slice(start, quote);
            if (run.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E) >= 0)
                return false;
            value = run;
            Pos = start + quote + 1;
            return true;
        }

        private bool TryChars(out ReadOnlySpan<char> chars)
        {
            chars = default;
            if (!TryBytes(out var b) || b.Length > _chars.Length)
                return false;
            var buf = _chars.AsSpan(0, b.Length);
            for (int i = 0; i < b.Length; i++)
                buf[i] = (char)b[i];
            chars = buf;
            return true;
        }

        /// <summary>A non-negative JSON integer (no sign, fraction or exponent; the caller's next Take rejects those).</summary>
        private bool TryUInt32(out uint value)
        {
            value = 0;
            Blank();
            int start = Pos;
            ulong v = 0;
            while (Pos < _d.Length && _d[Pos] is >= (byte)'0' and <= (byte)'9')
            {
                v = v * 10 + (uint)(_d[Pos] - '0');
                if (v > uint.MaxValue)
                    return false;
                Pos++;
            }
            int len = Pos - start;
            if (len == 0 || (len > 1 && _d[start] == (byte)'0'))
                return false;
            byte next = Peek();
            if (next is (byte)'.' or (byte)'e' or (byte)'E')
                return false;
            value = (uint)v;
            return true;
        }

        private bool TryInt32(out int value)
        {
            value = 0;
            if (!TryUInt32(out uint v) || v > int.MaxValue)
                return false;
            value = (int)v;
            return true;
        }

        private bool TryAddress(out IPAddress? address)
        {
            address = null;
            return TryChars(out var t) && (address = _pool.Address(t)) is not null;
        }

        private bool TryTable(out uint id)
        {
            id = 0;
            if (!TryChars(out var t))
                return false;
            var lookup = _tables.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(t, out id))
                return true;
            string s = t.ToString();
            if (!_names.TryResolve(s, out id))
                return false;
            _tables[s] = id;
            return true;
        }

        private bool TryFlags(out NexthopFlags flags)
        {
            flags = NexthopFlags.None;
            if (!Take((byte)'['))
                return false;
            if (Take((byte)']'))
                return true;
            while (true)
            {
                if (!TryChars(out var t))
                    return false;
                var f = RouteFlagNames.Parse(t);
                if (f == NexthopFlags.None)
                    return false;
                flags |= f;
                if (Take((byte)']'))
                    return true;
                if (!Take((byte)','))
                    return false;
            }
        }

        /// <summary>Reads <c>"KEY":</c>; false at the object's end or on anything else.</summary>
        private bool TryKey(out ReadOnlySpan<byte> key) => TryBytes(out key) && Take((byte)':');

        /// <summary>After a member: true with <paramref name="more"/> on a comma, true without on the closing brace.</summary>
        private bool TryNext(out bool more)
        {
            more = Take((byte)',');
            return more || Take((byte)'}');
        }

        private static bool Note(ref Family? seen, Family f)
        {
            if (seen is null) { seen = f; return true; }
            return seen == f;
        }

        public bool TryRoute(Family? family, out Route route)
        {
            route = null!;
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

            if (!Take((byte)'{'))
                return false;
            if (Take((byte)'}'))
                return false; // missing dst: the reader says so
            bool more = true;
            while (more)
            {
                if (!TryKey(out var key))
                    return false;
                ReadOnlySpan<char> t;
                switch (key.Length)
                {
                    case 3 when key.SequenceEqual("dst"u8):
                        if (!TryChars(out t))
                            return false;
                        sawDst = true;
                        if (t is "default")
                            dst = null;
                        else
                        {
                            dst = AddressText.ParsePrefix(t);
                            if (dst is null || !Note(ref seen, dst.Value.Family))
                                return false;
                        }
                        break;
                    case 3 when key.SequenceEqual("dev"u8):
                        if (!TryChars(out t))
                            return false;
                        dev = _pool.Get(t);
                        break;
                    case 4 when key.SequenceEqual("type"u8):
                        if (!TryChars(out t) || !RouteTypeNames.TryParse(t, out type))
                            return false;
                        break;
                    case 4 when key.SequenceEqual("from"u8):
                        if (!TryChars(out t) || AddressText.ParsePrefix(t) is not { } f || !Note(ref seen, f.Family))
                            return false;
                        from = f;
                        break;
                    case 4 when key.SequenceEqual("nhid"u8):
                        if (!TryUInt32(out uint id))
                            return false;
                        nhid = id;
                        break;
                    case 3 when key.SequenceEqual("tos"u8):
                        if (!TryChars(out t) || !DsfieldNames.TryParse(t, out tos))
                            return false;
                        break;
                    case 7 when key.SequenceEqual("gateway"u8):
                        if (!TryAddress(out gateway) || !Note(ref seen, AddressText.FamilyOf(gateway!)))
                            return false;
                        break;
                    case 5 when key.SequenceEqual("table"u8):
                        if (!TryTable(out table))
                            return false;
                        break;
                    case 8 when key.SequenceEqual("protocol"u8):
                        if (!TryChars(out t) || !ProtocolNames.TryParse(t, out protocol))
                            return false;
                        break;
                    case 5 when key.SequenceEqual("scope"u8):
                        if (!TryChars(out t) || !ScopeNames.TryParse(t, out scope))
                            return false;
                        break;
                    case 7 when key.SequenceEqual("prefsrc"u8):
                        if (!TryAddress(out prefsrc) || !Note(ref seen, AddressText.FamilyOf(prefsrc!)))
                            return false;
                        break;
                    case 6 when key.SequenceEqual("metric"u8):
                        if (!TryUInt32(out uint m))
                            return false;
                        metric = m;
                        break;
                    case 5 when key.SequenceEqual("flags"u8):
                        if (!TryFlags(out flags))
                            return false;
                        break;
                    case 7 when key.SequenceEqual("expires"u8):
                        if (!TryInt32(out int e))
                            return false;
                        expires = (uint)e;
                        break;
                    case 7 when key.SequenceEqual("metrics"u8):
                        if (!TryMetrics(ref mtu, ref hoplimit))
                            return false;
                        break;
                    case 4 when key.SequenceEqual("pref"u8):
                        if (!TryChars(out t))
                            return false;
                        pref = t switch
                        {
                            "medium" => RouterPreference.Medium,
                            "high" => RouterPreference.High,
                            "low" => RouterPreference.Low,
                            _ => null,
                        };
                        if (pref is null || !Note(ref seen, Family.Inet6))
                            return false;
                        break;
                    case 8 when key.SequenceEqual("nexthops"u8):
                        nexthops = ImmutableArray.CreateBuilder<Nexthop>();
                        if (!TryNexthops(nexthops, ref seen))
                            return false;
                        break;
                    case 3 when key.SequenceEqual("via"u8):
                        if (!TryVia(out gateway))
                            return false;
                        break;
                    case 4 when key.SequenceEqual("flow"u8):
                        if (!TryFlow(out uint rf))
                            return false;
                        realms = rf;
                        break;
                    default:
                        // Keys symroute skips (cache, mark, uid, …): the reader's business.
                        return false;
                }
                if (!TryNext(out more))
                    return false;
            }
            if (!sawDst || (nexthops is not null && (gateway is not null || dev is not null)))
                return false;
            route = IpJsonRoutes.Make(_pool, seen, type, dst, from, nhid, tos, gateway, dev, table, protocol, scope, prefsrc, metric, flags,
                expires, mtu, hoplimit, realms, pref, nexthops);
            return true;
        }

        /// <summary><c>"via":{"family":"inet6","host":"fe80::1"}</c>, as IpJsonRoutes.ReadVia takes it.</summary>
        private bool TryVia(out IPAddress? host)
        {
            host = null;
            if (!Take((byte)'{') || Take((byte)'}'))
                return false;
            bool more = true;
            while (more)
            {
                if (!TryKey(out var key))
                    return false;
                if (key.SequenceEqual("host"u8))
                {
                    if (!TryAddress(out host))
                        return false;
                }
                else if (!key.SequenceEqual("family"u8) || !TryBytes(out _))
                    return false;
                if (!TryNext(out more))
                    return false;
            }
            return host is not null;
        }

        /// <summary><c>"flow":{"from":"3","to":"4"}</c>, as IpJsonRoutes.ReadFlow takes it.</summary>
        private bool TryFlow(out uint realms)
        {
            realms = 0;
            ushort from = 0, to = 0;
            if (!Take((byte)'{'))
                return false;
            if (!Take((byte)'}'))
            {
                bool more = true;
                while (more)
                {
                    if (!TryKey(out var key))
                        return false;
                    bool isFrom = key.SequenceEqual("from"u8);
                    if (!isFrom && !key.SequenceEqual("to"u8))
                        return false;
                    if (!TryChars(out var t) || !RealmNames.TryParse(t, out ushort v))
                        return false;
                    if (isFrom) from = v; else to = v;
                    if (!TryNext(out more))
                        return false;
                }
            }
            realms = ((uint)from << 16) | to;
            return true;
        }

        private bool TryMetrics(ref uint? mtu, ref uint? hoplimit)
        {
            if (!Take((byte)'['))
                return false;
            if (Take((byte)']'))
                return true;
            while (true)
            {
                if (!Take((byte)'{'))
                    return false;
                if (!Take((byte)'}'))
                {
                    bool more = true;
                    while (more)
                    {
                        if (!TryKey(out var key) || !TryUInt32(out uint v))
                            return false;
                        if (key.SequenceEqual("mtu"u8)) mtu = v;
                        else if (key.SequenceEqual("hoplimit"u8)) hoplimit = v;
                        else return false;
                        if (!TryNext(out more))
                            return false;
                    }
                }
                if (Take((byte)']'))
                    return true;
                if (!Take((byte)','))
                    return false;
            }
        }

        private bool TryNexthops(ImmutableArray<Nexthop>.Builder into, ref Family? seen)
        {
            if (!Take((byte)'['))
                return false;
            if (Take((byte)']'))
                return true;
            while (true)
            {
                if (!Take((byte)'{'))
                    return false;
                IPAddress? gateway = null;
                string? dev = null;
                int weight = 1;
                NexthopFlags flags = NexthopFlags.None;
                uint? realms = null;
                if (!Take((byte)'}'))
                {
                    bool more = true;
                    while (more)
                    {
                        if (!TryKey(out var key))
                            return false;
                        if (key.SequenceEqual("gateway"u8))
                        {
                            if (!TryAddress(out gateway) || !Note(ref seen, AddressText.FamilyOf(gateway!)))
                                return false;
                        }
                        else if (key.SequenceEqual("dev"u8))
                        {
                            if (!TryChars(out var t))
                                return false;
                            dev = _pool.Get(t);
                        }
                        else if (key.SequenceEqual("weight"u8))
                        {
                            if (!TryInt32(out weight) || weight < 1 || weight > 256)
                                return false;
                        }
                        else if (key.SequenceEqual("flags"u8))
                        {
                            if (!TryFlags(out flags))
                                return false;
                        }
                        else if (key.SequenceEqual("via"u8))
                        {
                            if (!TryVia(out gateway))
                                return false;
                        }
                        else if (key.SequenceEqual("flow"u8))
                        {
                            if (!TryFlow(out uint rf))
                                return false;
                            realms = rf;
                        }
                        else
                            return false;
                        if (!TryNext(out more))
                            return false;
                    }
                }
                into.Add(new Nexthop(gateway, dev, weight, flags, realms));
                if (Take((byte)']'))
                    return true;
                if (!Take((byte)','))
                    return false;
            }
        }
    }
}
