using System.Globalization;
using System.Text.Json;
using Symroute.Checks;
using Symroute.Planning;

namespace Symroute.Output;

/// <summary>
/// <c>symroute check --json</c>: one document with the status, the host summary, the findings and
/// the checks that did not run. Keys are stable and always present (null when absent). Written
/// by hand with Utf8JsonWriter (no reflection, Native-AOT clean).
/// </summary>
public static class CheckJsonWriter
{
    public const int SchemaVersion = 1;

    public static void Write(Stream stream, CheckReport report, bool indented = true)
    {
        using var j = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = indented,
            NewLine = "\n",
            // Addresses, rules and sentences stay readable ('<' and '\'' unescaped); the output is not HTML.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        j.WriteStartObject();
        j.WriteNumber("version", SchemaVersion);
        j.WriteString("status", report.StatusName);
        j.WriteNumber("exit_status", report.ExitStatus);
        j.WriteStartObject("counts");
        j.WriteNumber("critical", report.Count(Severity.Critical));
        j.WriteNumber("warning", report.Count(Severity.Warning));
        j.WriteNumber("info", report.Count(Severity.Info));
        j.WriteEndObject();
        WriteHost(j, report.Host);
        j.WriteStartArray("findings");
        foreach (var f in report.Findings)
            WriteFinding(j, f);
        j.WriteEndArray();
        j.WriteStartArray("skipped");
        foreach (var s in report.Skipped)
        {
            j.WriteStartObject();
            j.WriteString("code", s.Code);
            j.WriteString("reason", s.Reason);
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteEndObject();
        j.Flush();
    }

    public static string ToJson(CheckReport report)
    {
        using var ms = new MemoryStream();
        Write(ms, report);
        return System.Text.Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }

    private static void WriteHost(Utf8JsonWriter j, HostSummary h)
    {
        j.WriteStartObject("host");
        WriteStringOrNull(j, "hostname", h.Hostname);
        WriteStringOrNull(j, "kernel", h.KernelRelease);
        WriteStringOrNull(j, "captured_at", h.CapturedAt?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        j.WriteString("source", h.Source);
        j.WriteStartArray("interfaces");
        foreach (var i in h.Interfaces)
        {
            j.WriteStartObject();
            j.WriteString("name", i.Name);
            j.WriteString("state", i.State);
            j.WriteStartArray("addresses");
            foreach (var a in i.Addresses) j.WriteStringValue(a);
            j.WriteEndArray();
            j.WriteStartArray("gateways");
            foreach (var g in i.Gateways) j.WriteStringValue(g.ToString());
            j.WriteEndArray();
            WriteStringOrNull(j, "backend", i.Backend);
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteNumber("links", h.Links);
        j.WriteNumber("addresses", h.Addresses);
        j.WriteNumber("routes", h.Routes);
        j.WriteNumber("rules", h.Rules);
        j.WriteNumber("tables", h.Tables);
        j.WriteEndObject();
    }

    private static void WriteFinding(Utf8JsonWriter j, Finding f)
    {
        j.WriteStartObject();
        j.WriteString("code", f.Code);
        j.WriteString("severity", f.Severity.ToName());
        j.WriteStartObject("subject");
        WriteStringOrNull(j, "interface", f.Subject.Interface);
        WriteStringOrNull(j, "address", f.Subject.Address?.ToString());
        WriteStringOrNull(j, "rule", f.Subject.Rule);
        WriteStringOrNull(j, "table", f.Subject.Table);
        j.WriteEndObject();
        j.WriteString("summary", f.Summary);
        j.WriteStartArray("evidence");
        foreach (var e in f.Evidence)
        {
            j.WriteStartObject();
            if (e.Query is { } q)
            {
                j.WriteString("kind", "query");
                j.WriteString("query", q.Command);
                j.WriteString("result", q.Result);
                j.WriteString("text", e.Text);
                j.WriteStartArray("trace");
                foreach (var step in q.Trace)
                {
                    j.WriteStartObject();
                    j.WriteString("kind", step.Kind);
                    j.WriteNumber("depth", step.Depth);
                    j.WriteString("text", step.Text);
                    WriteStringOrNull(j, "outcome", step.Outcome);
                    j.WriteEndObject();
                }
                j.WriteEndArray();
            }
            else
            {
                j.WriteString("kind", "fact");
                j.WriteString("text", e.Text);
            }
            j.WriteEndObject();
        }
        j.WriteEndArray();
        if (f.Remedy is { } r)
        {
            j.WriteStartObject("remedy");
            WriteStringOrNull(j, "strategy", (r.Strategy is { } st ? StrategyNames.Format(st) : null));
            j.WriteString("reason", r.Reason);
            WriteStringOrNull(j, "command", r.Command);
            j.WriteEndObject();
        }
        else
        {
            j.WriteNull("remedy");
        }
        j.WriteEndObject();
    }

    private static void WriteStringOrNull(Utf8JsonWriter j, string name, string? value)
    {
        if (value is null) j.WriteNull(name);
        else j.WriteString(name, value);
    }
}
