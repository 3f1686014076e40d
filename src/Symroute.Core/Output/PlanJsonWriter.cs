using System.Text.Json;
using Symroute.Backends;
using Symroute.Model;
using Symroute.Planning;

namespace Symroute.Output;

/// <summary>The plan as one JSON document for machines (stable keys, written by hand: no reflection).</summary>
public static class PlanJsonWriter
{
    public static void Write(Stream stream, Plan plan, HostState host, PlanProof? proof, IReadOnlyList<Rendering> renderings, string root, bool written)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        var name = PlanText.TableNamer(plan, host);
        w.WriteStartObject();
        w.WriteString("strategy", StrategyNames.Format(plan.Strategy));
        w.WriteBoolean("strategy_chosen", plan.StrategyChosen);
        w.WriteString("strategy_reason", plan.StrategyReason);
        if (plan.Refusal is not null) w.WriteString("refusal", plan.Refusal);
        else w.WriteNull("refusal");
        w.WriteNumber("priority_base", plan.PriorityBase);
        w.WriteBoolean("empty_diff", plan.IsEmptyDiff && plan.ConnmarksInPlace);
        w.WriteStartObject("summary");
        w.WriteNumber("add", plan.Count(ChangeKind.Add) + plan.Connmarks.Count(c => c.Change == ChangeKind.Add));
        w.WriteNumber("remove", plan.Count(ChangeKind.Remove));
        w.WriteNumber("keep", plan.Count(ChangeKind.Keep) + plan.Connmarks.Count(c => c.Change == ChangeKind.Keep));
        w.WriteEndObject();

        w.WriteStartArray("interfaces");
        foreach (var u in plan.Uplinks)
        {
            w.WriteStartObject();
            w.WriteString("dev", u.Dev);
            w.WriteNumber("table", u.Table);
            w.WriteString("table_name", Ownership.TableName(u.Dev));
            Str(w, "gateway", u.Gateway4?.ToString());
            Str(w, "gateway_source", u.Gateway4Source);
            Str(w, "gateway6", u.Gateway6?.ToString());
            Str(w, "gateway6_source", u.Gateway6Source);
            w.WriteBoolean("dhcp", u.Dhcp4);
            if (u.Mark is uint m) w.WriteString("mark", $"0x{m:x}");
            w.WriteStartArray("addresses");
            foreach (var a in u.Addresses) w.WriteStringValue($"{a.Local}/{a.PrefixLength}");
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("tables");
        foreach (var t in plan.Tables)
        {
            w.WriteStartObject();
            w.WriteString("change", PlanText.Name(t.Change));
            w.WriteNumber("id", t.Id);
            w.WriteString("name", t.Name);
            w.WriteString("dev", t.Dev);
            w.WriteString("reason", t.Reason);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("routes");
        foreach (var r in plan.Routes)
        {
            var nh = r.Route.FirstNexthop;
            w.WriteStartObject();
            w.WriteString("change", PlanText.Name(r.Change));
            w.WriteString("family", r.Route.Family == Family.Inet ? "inet" : "inet6");
            w.WriteString("dst", r.Route.Dst.ToRouteString());
            Str(w, "gateway", nh?.Gateway?.ToString());
            Str(w, "dev", nh?.Dev);
            w.WriteString("table", name(r.Route.Table));
            w.WriteNumber("table_id", r.Route.Table);
            w.WriteString("protocol", PlanText.Protocol(r.Route.Protocol));
            Str(w, "prefsrc", r.Route.PrefSrc?.ToString());
            if (r.Route.Metric is uint m) w.WriteNumber("metric", m);
            w.WriteString("text", PlanText.Route(r.Route, name));
            w.WriteString("reason", r.Reason);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("rules");
        foreach (var r in plan.Rules)
        {
            w.WriteStartObject();
            w.WriteString("change", PlanText.Name(r.Change));
            w.WriteString("purpose", r.Purpose switch { RulePurpose.MainFirst => "main-first", RulePurpose.Connmark => "connmark", RulePurpose.Vip => "vip", _ => "source" });
            w.WriteString("family", r.Rule.Family == Family.Inet ? "inet" : "inet6");
            w.WriteNumber("priority", r.Rule.Priority);
            Str(w, "src", r.Rule.From?.ToString());
            if (r.Rule.FwMark is uint mark) w.WriteString("fwmark", $"0x{mark:x}");
            if (r.Rule.FwMask is uint mask) w.WriteString("fwmask", $"0x{mask:x}");
            w.WriteString("table", name(r.Rule.Table ?? RouteTableId.Main));
            if (r.Rule.SuppressPrefixLength is int spl) w.WriteNumber("suppress_prefixlength", spl);
            Str(w, "dev", r.Dev);
            w.WriteString("text", PlanText.Rule(r.Rule, name));
            w.WriteString("reason", r.Reason);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("sysctls");
        foreach (var s in plan.Sysctls)
        {
            w.WriteStartObject();
            w.WriteString("change", PlanText.Name(s.Change));
            w.WriteString("key", s.Key);
            w.WriteNumber("value", s.Value);
            if (s.Current is int c) w.WriteNumber("current", c);
            else w.WriteNull("current");
            w.WriteString("reason", s.Reason);
            Str(w, "warning", s.Warning);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("connmarks");
        foreach (var c in plan.Connmarks)
        {
            w.WriteStartObject();
            w.WriteString("change", PlanText.Name(c.Change));
            w.WriteString("dev", c.Dev);
            w.WriteString("mark", $"0x{c.Mark:x}");
            w.WriteString("mask", $"0x{c.Mask:x}");
            w.WriteString("table", name(c.Table));
            w.WriteString("reason", c.Reason);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("notes");
        foreach (var n in plan.Notes) Note(w, n);
        w.WriteEndArray();

        if (proof is null) w.WriteNull("proof");
        else WriteProof(w, proof);

        w.WriteString("root", root);
        w.WriteBoolean("written", written);
        w.WriteStartArray("backends");
        foreach (var r in renderings)
        {
            w.WriteStartObject();
            w.WriteString("backend", BackendNames.Format(r.Backend));
            w.WriteStartArray("files");
            foreach (var f in r.Files)
            {
                w.WriteStartObject();
                w.WriteString("path", f.Path);
                w.WriteString("mode", f.ModeText);
                w.WriteString("purpose", f.Purpose);
                w.WriteBoolean("replaces", f.Replaces);
                w.WriteString("contents", f.Contents);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("commands");
            foreach (var c in r.Commands) w.WriteStringValue(c);
            w.WriteEndArray();
            w.WriteStartArray("notes");
            foreach (var n in r.Notes) Note(w, n);
            w.WriteEndArray();
            if (r.Runtime is { } rt)
            {
                w.WriteStartObject("runtime");
                w.WriteString("script", rt.Script);
                w.WriteString("batch4", rt.Batch4);
                w.WriteString("batch6", rt.Batch6);
                Str(w, "nft", rt.Nft);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        stream.WriteByte((byte)'\n');
    }

    private static void WriteProof(Utf8JsonWriter w, PlanProof p)
    {
        w.WriteStartObject("proof");
        w.WriteBoolean("proven", p.Proven);
        Str(w, "failure", p.Failure);
        w.WriteStartArray("paths");
        foreach (var x in p.Paths)
        {
            w.WriteStartObject();
            w.WriteString("kind", x.Kind);
            w.WriteString("query", x.Query);
            w.WriteString("before", x.Before);
            w.WriteString("after", x.After);
            Str(w, "expected", x.Expected);
            w.WriteBoolean("changed", x.Changed);
            w.WriteBoolean("ok", x.Ok);
            w.WriteString("why", x.Why);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        Array(w, "findings_before", p.FindingsBefore);
        Array(w, "findings_after", p.FindingsAfter);
        Array(w, "cleared", p.Cleared);
        Array(w, "remaining", p.Remaining);
        Array(w, "introduced", p.Introduced);
        w.WriteEndObject();
    }

    private static void Array(Utf8JsonWriter w, string key, IEnumerable<string> items)
    {
        w.WriteStartArray(key);
        foreach (var i in items) w.WriteStringValue(i);
        w.WriteEndArray();
    }

    private static void Note(Utf8JsonWriter w, PlanNote n)
    {
        w.WriteStartObject();
        w.WriteString("level", n.Level == PlanNoteLevel.Warning ? "warning" : "info");
        w.WriteString("text", n.Text);
        w.WriteEndObject();
    }

    private static void Str(Utf8JsonWriter w, string key, string? value)
    {
        if (value is null) w.WriteNull(key);
        else w.WriteString(key, value);
    }
}
