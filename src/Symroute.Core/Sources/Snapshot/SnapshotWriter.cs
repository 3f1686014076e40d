using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Symroute.Model;
using Symroute.Output;

namespace Symroute.Sources;

/// <summary>
/// Writes a HostState as a symroute snapshot: one JSON document whose <c>links</c>, <c>routes4</c>,
/// <c>routes6</c>, <c>rules4</c> and <c>rules6</c> are exactly what <c>ip -json</c> prints, plus
/// sysctls, table names and, when known, the firewall's NAT and mark rules (<see cref="SnapshotFirewall"/>). The form is canonical (2-space indent, fixed key order, sorted sysctl
/// keys) so that snapshots diff well and write → read → write is byte-identical.
/// </summary>
public static class SnapshotWriter
{
    private static JsonWriterOptions Options => new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The snapshot as UTF-8 bytes, ending with a newline.</summary>
    public static byte[] Write(HostState state)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, Options))
            Write(w, state);
        var bytes = new byte[buffer.WrittenCount + 1];
        buffer.WrittenSpan.CopyTo(bytes);
        bytes[^1] = (byte)'\n';
        return bytes;
    }

    /// <summary>
    /// The snapshot written to <paramref name="stream"/> (the same bytes as <see cref="Write(HostState)"/>),
    /// a megabyte at a time: a full-table snapshot is hundreds of megabytes, not worth holding twice.
    /// </summary>
    public static void Write(HostState state, Stream stream)
    {
        using (var w = new Utf8JsonWriter(stream, Options))
            Write(w, state);
        stream.WriteByte((byte)'\n');
    }

    /// <summary>The snapshot as text.</summary>
    public static string WriteString(HostState state) => System.Text.Encoding.UTF8.GetString(Write(state));

    public static void Write(Utf8JsonWriter w, HostState s)
    {
        var names = SnapshotFormat.WithBuiltin(s.TableNames);
        w.WriteStartObject();
        w.WriteNumber("symroute_snapshot"u8, SnapshotFormat.Version);
        WriteStringOrNull(w, "hostname"u8, s.Hostname);
        WriteStringOrNull(w, "kernel"u8, s.KernelRelease);
        if (s.CapturedAt is { } at) w.WriteString("captured_at"u8, at);
        else w.WriteNull("captured_at"u8);
        if (s.LocalTableMerged is { } merged) w.WriteBoolean("local_table_merged"u8, merged);
        else w.WriteNull("local_table_merged"u8);

        w.WritePropertyName("links"u8);
        IpJsonWriter.WriteLinks(w, s.Links, s.Addresses);
        w.WritePropertyName("routes4"u8);
        WriteRoutes(w, s.Routes, Family.Inet, names);
        w.WritePropertyName("routes6"u8);
        WriteRoutes(w, s.Routes, Family.Inet6, names);
        w.WritePropertyName("rules4"u8);
        IpJsonWriter.WriteRules(w, s.Rules.Where(r => r.Family == Family.Inet), names);
        w.WritePropertyName("rules6"u8);
        IpJsonWriter.WriteRules(w, s.Rules.Where(r => r.Family == Family.Inet6), names);

        w.WriteStartObject("sysctls"u8);
        w.WriteStartObject("ipv4"u8);
        foreach (var (key, conf) in s.Sysctls.Ipv4.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            WriteConf(w, key, SnapshotFormat.Ipv4Keys, SnapshotFormat.Values(conf));
        w.WriteEndObject();
        w.WriteStartObject("ipv6"u8);
        foreach (var (key, conf) in s.Sysctls.Ipv6.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            WriteConf(w, key, SnapshotFormat.Ipv6Keys, SnapshotFormat.Values(conf));
        w.WriteEndObject();
        if (s.Sysctls.FibMultipathHashPolicy is { } policy) w.WriteNumber("fib_multipath_hash_policy"u8, policy);
        if (s.Sysctls.FibMultipathHashSeed is { } seed) w.WriteNumber("fib_multipath_hash_seed"u8, seed);
        w.WriteEndObject();

        w.WriteStartObject("rt_tables"u8);
        foreach (var (id, name) in SnapshotFormat.Custom(s.TableNames).OrderBy(kv => kv.Key))
            w.WriteString(id.ToString(CultureInfo.InvariantCulture), name);
        w.WriteEndObject();
        if (s.Firewall is { } firewall)
            SnapshotFirewall.Write(w, firewall);
        w.WriteEndObject();
    }

    /// <summary>IpJsonWriter.WriteRoutes of one family, flushing the writer every megabyte (to its stream, if it has one).</summary>
    private static void WriteRoutes(Utf8JsonWriter w, IEnumerable<Route> routes, Family family, TableNames names)
    {
        w.WriteStartArray();
        foreach (var r in routes)
        {
            if (r.Family != family)
                continue;
            IpJsonWriter.WriteRoute(w, r, names);
            if (w.BytesPending >= 1 << 20)
                w.Flush();
        }
        w.WriteEndArray();
    }

    private static void WriteStringOrNull(Utf8JsonWriter w, ReadOnlySpan<byte> key, string? value)
    {
        if (value is null) w.WriteNull(key);
        else w.WriteString(key, value);
    }

    private static void WriteConf(Utf8JsonWriter w, string key, string[] names, int?[] values)
    {
        w.WriteStartObject(key);
        for (int i = 0; i < names.Length; i++)
            if (values[i] is { } v)
                w.WriteNumber(names[i], v);
        w.WriteEndObject();
    }
}
