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

    public static void WriteObject(Utf8JsonWriter w, RouteDecision d, TableNames names)
    {
        bool v6 = d.Query.Family == Family.Inet6;
        w.WriteStartObject();
        if (d.Type != RouteType.Unicast)
            w.WriteString("type", RouteGetText.TypeName(d.Type));
        w.WriteString("dst", d.Dst.ToString());
        if (d.From is not null)
            w.WriteString("from", d.From.ToString());
        else if (v6)
            w.WriteString("from", "::");
        if (d.Tos != 0)
            w.WriteString("tos", DsfieldNames.Format(d.Tos));
        if (d.Gateway is not null)
            w.WriteString("gateway", d.Gateway.ToString());
        if (d.Dev is not null)
            w.WriteString("dev", d.Dev);
        if (d.Table is uint t && t != RouteTableId.Main && t != RouteTableId.Unspec)
            w.WriteString("table", names.Format(t));
        if (v6 && d.Protocol is byte p && p != RouteProtocol.Boot)
            w.WriteString("protocol", ProtocolNames.Format(p));
        if (d.PrefSrc is not null)
            w.WriteString("prefsrc", d.PrefSrc.ToString());
        if (v6 && d.Metric is uint m)
            w.WriteNumber("metric", m);
        w.WriteStartArray("flags");
        foreach (var f in RouteGetText.FlagNames(d))
            w.WriteStringValue(f);
        w.WriteEndArray();
        if (d.Mark is uint mark && mark != 0)
            w.WriteNumber("mark", mark);
        if (d.Uid is uint uid && !v6)
            w.WriteNumber("uid", uid);
        if (!v6)
        {
            w.WriteStartArray("cache");
            foreach (var c in RouteGetText.CacheNames(d.Cache))
                w.WriteStringValue(c);
            w.WriteEndArray();
        }
        else if (d.Expires is uint exp)
        {
            w.WriteNumber("expires", exp);
        }
        if (d.Mtu is not null || d.HopLimit is not null)
        {
            w.WriteStartArray("metrics");
            w.WriteStartObject();
            if (d.Mtu is uint mtu) w.WriteNumber("mtu", mtu);
            if (d.HopLimit is uint hl) w.WriteNumber("hoplimit", hl);
            w.WriteEndObject();
            w.WriteEndArray();
        }
        if (d.Iif is not null)
            w.WriteString("iif", d.Iif);
        if (v6)
            w.WriteString("pref", RouteGetText.PrefName(d.Pref ?? RouterPreference.Medium));
        w.WriteEndObject();
    }
}
