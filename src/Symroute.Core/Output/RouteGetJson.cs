using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Symroute.Model;
using Symroute.Sources;
using Symroute.Simulation;

namespace Symroute.Output;

/// <summary>
/// <c>ip -json route get</c>'s output: the same keys in the same order, omitted where ip omits them
/// (print_route in JSON context). <c>ip</c> wraps the object in an array; <see cref="Format"/> does
/// too, <see cref="WriteObject"/> writes the bare object (one line of <c>--batch</c>).
/// </summary>
public static class RouteGetJson
{
    /// <summary>Writer options matching ip's JSON: only quotes, backslashes and control characters escaped.</summary>
    public static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false };

    /// <summary>The whole line ip prints: <c>[{…}]</c> and a newline.</summary>
    public static string Format(RouteDecision d, TableNames names)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, Options))
        {
            w.WriteStartArray();
            WriteObject(w, d, names);
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }

    /// <summary>The object alone.</summary>
    public static string FormatObject(RouteDecision d, TableNames names)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, Options))
            WriteObject(w, d, names);
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary><c>{"error":"Network is unreachable"}</c>: a failed query in <c>--batch</c> output.</summary>
    public static string FormatError(string message)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, Options))
        {
            w.WriteStartObject();
            w.WriteString("error", message);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>The object, written without strings for the addresses and names it prints (a <c>--batch</c> writes a million).</summary>
    public static void WriteObject(Utf8JsonWriter w, RouteDecision d, TableNames names)
    {
        bool v6 = d.Query.Family == Family.Inet6;
        w.WriteStartObject();
        if (d.Type != RouteType.Unicast)
            w.WriteString("type"u8, RouteGetText.TypeName(d.Type));
        WriteAddress(w, "dst"u8, d.Dst);
        if (d.From is not null)
            WriteAddress(w, "from"u8, d.From);
        else if (v6)
            w.WriteString("from"u8, "::"u8);
        if (d.Tos != 0)
            w.WriteString("tos"u8, DsfieldNames.Format(d.Tos));
        if (d.Gateway is not null)
            WriteAddress(w, "gateway"u8, d.Gateway);
        if (d.Dev is not null)
            w.WriteString("dev"u8, d.Dev);
        if (d.Table is uint t && t != RouteTableId.Main && t != RouteTableId.Unspec)
            w.WriteString("table"u8, names.Format(t));
        if (v6 && d.Protocol is byte p && p != RouteProtocol.Boot)
            w.WriteString("protocol"u8, ProtocolNames.Format(p));
        if (d.PrefSrc is not null)
            WriteAddress(w, "prefsrc"u8, d.PrefSrc);
        if (v6 && d.Metric is uint m)
            w.WriteNumber("metric"u8, m);
        w.WriteStartArray("flags"u8);
        if (d.Flags != 0 || (d.Cache & (CacheFlags.Notify | CacheFlags.Multicast)) != 0)
            foreach (var f in RouteGetText.FlagNames(d))
                w.WriteStringValue(f);
        w.WriteEndArray();
        if (d.Mark is uint mark && mark != 0)
            w.WriteNumber("mark"u8, mark);
        if (d.Uid is uint uid && !v6)
            w.WriteNumber("uid"u8, uid);
        if (!v6)
        {
            w.WriteStartArray("cache"u8);
            if (d.Cache != 0)
                foreach (var c in RouteGetText.CacheNames(d.Cache))
                    w.WriteStringValue(c);
            w.WriteEndArray();
        }
        else if (d.Expires is uint exp)
        {
            w.WriteNumber("expires"u8, exp);
        }
        if (d.Mtu is not null || d.HopLimit is not null)
        {
            w.WriteStartArray("metrics"u8);
            w.WriteStartObject();
            if (d.Mtu is uint mtu) w.WriteNumber("mtu"u8, mtu);
            if (d.HopLimit is uint hl) w.WriteNumber("hoplimit"u8, hl);
            w.WriteEndObject();
            w.WriteEndArray();
        }
        if (d.Iif is not null)
            w.WriteString("iif"u8, d.Iif);
        if (v6)
            w.WriteString("pref"u8, RouteGetText.PrefName(d.Pref ?? RouterPreference.Medium));
        w.WriteEndObject();
    }

    /// <summary>An address as its text (IPAddress.ToString), formatted into the writer's bytes.</summary>
    private static void WriteAddress(Utf8JsonWriter w, ReadOnlySpan<byte> key, System.Net.IPAddress a)
    {
        Span<byte> text = stackalloc byte[64];
        if (a.TryFormat(text, out int n))
            w.WriteString(key, text[..n]);
        else
            w.WriteString(key, a.ToString());
    }
}
