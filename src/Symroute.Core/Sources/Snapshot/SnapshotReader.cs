using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Symroute.Model;

namespace Symroute.Sources;

/// <summary>
/// Reads a symroute snapshot (see <see cref="SnapshotWriter"/>). Keys may come in any order;
/// <c>routes</c> (both families in one <c>ip -json route show table all</c> array) is accepted
/// instead of <c>routes4</c>/<c>routes6</c>. Every error names FILE:LINE:COL and the key path.
/// </summary>
public static class SnapshotReader
{
    public static HostState Read(string json, string file) => Read(Encoding.UTF8.GetBytes(json), file);

    /// <exception cref="InputException">Not a snapshot, an unknown version, malformed JSON or a wrongly typed value.</exception>
    public static HostState Read(ReadOnlyMemory<byte> utf8, string file)
    {
        if (utf8.Length >= 3 && utf8.Span[0] == 0xEF && utf8.Span[1] == 0xBB && utf8.Span[2] == 0xBF)
            utf8 = utf8[3..];
        var cx = new JsonContext(file, utf8, TableNames.Builtin);
        cx.RequireUtf8();
        TableNames names;
        try
        {
            // rt_tables may come after the routes that name its tables: read it first.
            names = ReadTableNames(cx, utf8.Span);
        }
        catch (JsonException e)
        {
            throw cx.Wrap(e);
        }
        bool scanned = false;
        try
        {
            cx = new JsonContext(file, utf8, names, cx.Pool);
            return ReadState(cx, utf8, names, fast: true, ref scanned);
        }
        catch (Exception e) when (scanned && e is JsonException or InputException)
        {
            // After a scanned array the reader's offsets no longer match the file: read it again
            // the slow way, which reports the error where it is.
        }
        catch (JsonException e)
        {
            throw cx.Wrap(e);
        }
        try
        {
            cx = new JsonContext(file, utf8, names);
            return ReadState(cx, utf8, names, fast: false, ref scanned);
        }
        catch (JsonException e)
        {
            throw cx.Wrap(e);
        }
    }

    /// <summary>
    /// The state of a reader just after a value inside the top-level object: where reading goes
    /// on after <see cref="IpJsonRouteScanner"/> has read an array.
    /// </summary>
    private static JsonReaderState AfterMemberValue()
    {
        var r = new Utf8JsonReader("{\"a\":[]"u8, isFinalBlock: false, new JsonReaderState(JsonContext.ReaderOptions));
        for (int i = 0; i < 4; i++)
            r.Read();
        return r.CurrentState;
    }

    /// <summary>
    /// Reads a route array with <see cref="IpJsonRouteScanner"/> when it can: then moves
    /// <paramref name="r"/> to a reader over the rest of the file (its offsets relative to
    /// <paramref name="offset"/>) and returns true.
    /// </summary>
    private static bool TryScan(ref Utf8JsonReader r, ref int offset, ReadOnlyMemory<byte> data, Family? family, TableNames names,
        StringPool pool, ImmutableArray<Route>.Builder into)
    {
        int start = offset + (int)r.TokenStartIndex;
        var d = data.Span;
        // The writer starts each top-level key on a line of its own, indented by two spaces.
        int next = d[start..].IndexOf("\n  \""u8);
        int end = IpJsonRouteScanner.TryReadArray(data, start, next < 0 ? d.Length : start + next, family, names, pool, into);
        if (end < 0)
            return false;
        offset = end;
        r = new Utf8JsonReader(d[end..], isFinalBlock: true, AfterMemberValue());
        return true;
    }

    private static TableNames ReadTableNames(JsonContext cx, ReadOnlySpan<byte> data)
    {
        // The writer puts rt_tables last: find it there without tokenizing a million routes first.
        int at = LastTopLevelTableNames(data);
        if (at >= 0)
        {
            var tail = new Utf8JsonReader(data[at..], JsonContext.ReaderOptions);
            var fast = TableNames.Builtin.Names.ToBuilder();
            tail.Read();
            if (ReadTableNamesObject(cx, ref tail, fast, at))
                return new TableNames(fast.ToImmutable());
        }

        var r = new Utf8JsonReader(data, JsonContext.ReaderOptions);
        if (!r.Read()) throw cx.Error(0, "empty file (expected a symroute snapshot)");
        cx.Expect(ref r, JsonTokenType.StartObject, "a symroute snapshot");
        var b = TableNames.Builtin.Names.ToBuilder();
        while (true)
        {
            cx.Read(ref r);
            if (r.TokenType == JsonTokenType.EndObject) break;
            bool isTables = r.ValueTextEquals("rt_tables"u8);
            cx.Read(ref r);
            if (!isTables) { cx.Skip(ref r); continue; }
            ReadTableNamesObject(cx, ref r, b, 0);
        }
        return new TableNames(b.ToImmutable());
    }

    /// <summary>
    /// Reads the rt_tables object the reader is on (over <c>data[offset..]</c>) into
    /// <paramref name="b"/>. False (nothing thrown) when it is malformed JSON, so that the full
    /// pass reports the error where it is.
    /// </summary>
    private static bool ReadTableNamesObject(JsonContext cx, ref Utf8JsonReader r, ImmutableSortedDictionary<uint, string>.Builder b, int offset)
    {
        try
        {
            cx.Expect(ref r, JsonTokenType.StartObject, "rt_tables");
            while (true)
            {
                cx.Read(ref r);
                if (r.TokenType == JsonTokenType.EndObject) break;
                string key = r.GetString()!;
                if (!NumberText.TryParseDecimal(key, out uint id))
                    throw cx.Error(offset + r.TokenStartIndex, $"expected a table number as key of rt_tables, found '{JsonContext.Shorten(key)}'");
                cx.Read(ref r);
                if (r.TokenType != JsonTokenType.String)
                    throw cx.Error(offset + r.TokenStartIndex, $"expected a string for rt_tables.{key}");
                string name = r.GetString()!;
                if (name.Length == 0 || name.Any(char.IsWhiteSpace))
                    throw cx.Error(offset + r.TokenStartIndex, $"invalid table name '{JsonContext.Shorten(name)}' for rt_tables.{key}");
                b[id] = name;
            }
            return true;
        }
        catch (JsonException) when (offset > 0)
        {
            return false;
        }
    }

    /// <summary>
    /// Offset of the value of the one <c>"rt_tables"</c> key when it is the snapshot's last
    /// top-level key, or -1. The object after it must be followed only by the snapshot's closing
    /// brace, which proves depth 1 without tokenizing what comes before; any other occurrence of
    /// the text (a device named rt_tables, a duplicate key) makes the caller take the full pass.
    /// </summary>
    private static int LastTopLevelTableNames(ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<byte> key = "\"rt_tables\""u8;
        int first = data.IndexOf(key);
        int last = data.LastIndexOf(key);
        if (first < 0 || first != last)
            return -1;
        int i = SkipBlank(data, last + key.Length);
        if (i >= data.Length || data[i] != (byte)':')
            return -1;
        int value = SkipBlank(data, i + 1);
        var r = new Utf8JsonReader(data[value..], new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 });
        try
        {
            if (!r.Read() || r.TokenType != JsonTokenType.StartObject || !r.TrySkip())
                return -1;
        }
        catch (JsonException)
        {
            return -1;
        }
        int end = SkipBlank(data, value + (int)r.BytesConsumed);
        if (end >= data.Length || data[end] != (byte)'}' || SkipBlank(data, end + 1) != data.Length)
            return -1;
        return value;
    }

    private static int SkipBlank(ReadOnlySpan<byte> data, int i)
    {
        while (i < data.Length && data[i] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
            i++;
        return i;
    }

    private static HostState ReadState(JsonContext cx, ReadOnlyMemory<byte> memory, TableNames names, bool fast, ref bool scanned)
    {
        var data = memory.Span;
        var r = new Utf8JsonReader(data, JsonContext.ReaderOptions);
        int offset = 0;
        cx.Read(ref r);
        long start = r.TokenStartIndex;
        int? version = null;
        string? hostname = null, kernel = null;
        DateTimeOffset? capturedAt = null;
        bool? merged = null;
        var links = ImmutableArray.CreateBuilder<LinkInfo>();
        var addresses = ImmutableArray.CreateBuilder<InterfaceAddress>();
        var routes4 = ImmutableArray.CreateBuilder<Route>();
        var routes6 = ImmutableArray.CreateBuilder<Route>();
        var rules4 = ImmutableArray.CreateBuilder<Rule>();
        var rules6 = ImmutableArray.CreateBuilder<Rule>();
        var sysctls = Sysctls.Empty;
        Firewall? firewall = null;

        while (true)
        {
            cx.Read(ref r);
            if (r.TokenType == JsonTokenType.EndObject) break;
            string key = r.GetString()!;
            long keyAt = r.TokenStartIndex;
            cx.Read(ref r);
            cx.Section = key + ": ";
            switch (key)
            {
                case "symroute_snapshot":
                    if (r.TokenType != JsonTokenType.Number || !r.TryGetInt32(out int v))
                        throw cx.Error(ref r, "expected a number for symroute_snapshot");
                    if (v != SnapshotFormat.Version)
                        throw cx.Error(ref r, $"unsupported snapshot version {v} (this symroute reads version {SnapshotFormat.Version})");
                    version = v;
                    break;
                case "hostname": hostname = StringOrNull(ref r, cx, key); break;
                case "kernel": kernel = StringOrNull(ref r, cx, key); break;
                case "captured_at":
                    if (r.TokenType == JsonTokenType.Null) break;
                    if (r.TokenType != JsonTokenType.String || !r.TryGetDateTimeOffset(out var at))
                        throw cx.Error(ref r, "expected an ISO 8601 date and time for captured_at");
                    capturedAt = at;
                    break;
                case "local_table_merged":
                    if (r.TokenType == JsonTokenType.Null) break;
                    if (r.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                        throw cx.Error(ref r, "expected true, false or null for local_table_merged");
                    merged = r.GetBoolean();
                    break;
                case "links":
                    IpJsonLinks.ReadArray(ref r, cx, links, addresses);
                    break;
                case "routes4":
                    if (fast && TryScan(ref r, ref offset, memory, Family.Inet, names, cx.Pool, routes4))
                        scanned = true;
                    else
                        IpJsonRoutes.ReadArray(ref r, cx, Family.Inet, routes4);
                    break;
                case "routes6":
                    if (fast && TryScan(ref r, ref offset, memory, Family.Inet6, names, cx.Pool, routes6))
                        scanned = true;
                    else
                        IpJsonRoutes.ReadArray(ref r, cx, Family.Inet6, routes6);
                    break;
                case "routes":
                    var all = ImmutableArray.CreateBuilder<Route>();
                    IpJsonRoutes.ReadArray(ref r, cx, null, all);
                    foreach (var route in all)
                        (route.Family == Family.Inet ? routes4 : routes6).Add(route);
                    break;
                case "rules4":
                    IpJsonRules.ReadArray(ref r, cx, Family.Inet, rules4);
                    break;
                case "rules6":
                    IpJsonRules.ReadArray(ref r, cx, Family.Inet6, rules6);
                    break;
                case "sysctls":
                    sysctls = ReadSysctls(ref r, cx);
                    break;
                case "rt_tables":
                    cx.Skip(ref r);
                    break;
                case "firewall":
                    if (r.TokenType != JsonTokenType.Null)
                        firewall = SnapshotFirewall.Read(ref r, cx);
                    break;
                default:
                    throw cx.Error(keyAt, $"unknown key '{JsonContext.Shorten(key)}' in a symroute snapshot");
            }
            cx.Section = "";
        }
        if (version is null)
            throw cx.Error(start, "not a symroute snapshot (no 'symroute_snapshot' version key)");
        if (r.Read())
            throw cx.Error(ref r, "unexpected data after the snapshot");

        var l = links.ToImmutable();
        routes4.AddRange(routes6);
        rules4.AddRange(rules6);
        return new HostState(
            IpJsonSource.SortLinks(l),
            IpJsonSource.SortAddresses(l, addresses.ToImmutable()),
            routes4.ToImmutable(),
            rules4.ToImmutable(),
            sysctls,
            names,
            hostname,
            kernel,
            capturedAt,
            merged,
            firewall);
    }

    private static string? StringOrNull(ref Utf8JsonReader r, JsonContext cx, string key)
    {
        if (r.TokenType == JsonTokenType.Null) return null;
        if (r.TokenType != JsonTokenType.String) throw cx.Error(ref r, $"expected a string or null for {key}");
        return r.GetString();
    }

    private static Sysctls ReadSysctls(ref Utf8JsonReader r, JsonContext cx)
    {
        cx.Expect(ref r, JsonTokenType.StartObject, "sysctls");
        var ipv4 = ImmutableSortedDictionary.CreateBuilder<string, Ipv4Conf>(StringComparer.Ordinal);
        var ipv6 = ImmutableSortedDictionary.CreateBuilder<string, Ipv6Conf>(StringComparer.Ordinal);
        int? policy = null, seed = null;
        while (true)
        {
            cx.Read(ref r);
            if (r.TokenType == JsonTokenType.EndObject) break;
            string key = r.GetString()!;
            cx.Read(ref r);
            switch (key)
            {
                case "ipv4":
                    ReadConfs(ref r, cx, "sysctls.ipv4", SnapshotFormat.Ipv4Keys, (dev, v) => ipv4[dev] = SnapshotFormat.Ipv4(v));
                    break;
                case "ipv6":
                    ReadConfs(ref r, cx, "sysctls.ipv6", SnapshotFormat.Ipv6Keys, (dev, v) => ipv6[dev] = SnapshotFormat.Ipv6(v));
                    break;
                case "fib_multipath_hash_policy":
                    policy = Number(ref r, cx, "sysctls." + key);
                    break;
                case "fib_multipath_hash_seed":
                    seed = Number(ref r, cx, "sysctls." + key);
                    break;
                default:
                    // Sysctls a newer symroute captures: skipped.
                    cx.Skip(ref r);
                    break;
            }
        }
        return new Sysctls(ipv4.ToImmutable(), ipv6.ToImmutable(), policy, seed);
    }

    private static void ReadConfs(ref Utf8JsonReader r, JsonContext cx, string path, string[] names, Action<string, int?[]> add)
    {
        if (r.TokenType != JsonTokenType.StartObject) throw cx.Error(ref r, $"expected an object for {path}");
        while (true)
        {
            cx.Read(ref r);
            if (r.TokenType == JsonTokenType.EndObject) break;
            string dev = r.GetString()!;
            cx.Read(ref r);
            if (r.TokenType != JsonTokenType.StartObject) throw cx.Error(ref r, $"expected an object for {path}.{dev}");
            var values = new int?[names.Length];
            while (true)
            {
                cx.Read(ref r);
                if (r.TokenType == JsonTokenType.EndObject) break;
                string name = r.GetString()!;
                cx.Read(ref r);
                int i = Array.IndexOf(names, name);
                if (i < 0) { cx.Skip(ref r); continue; }
                values[i] = r.TokenType == JsonTokenType.Null ? null : Number(ref r, cx, $"{path}.{dev}.{name}");
            }
            add(dev, values);
        }
    }

    private static int Number(ref Utf8JsonReader r, JsonContext cx, string path)
    {
        if (r.TokenType != JsonTokenType.Number || !r.TryGetInt32(out int v))
            throw cx.Error(ref r, $"expected a number for {path}");
        return v;
    }
}
