using System.Text;
using System.Text.Json;
using Symroute.Model;
using Symroute.Sources;
using Symroute.Simulation;

namespace Symroute.Output;

/// <summary>
/// <c>--explain --json</c>: one object with the query, the <c>ip -json route get</c> object (or the
/// error message) and the steps as data.
/// </summary>
/// <remarks>
/// Shape: <c>{"query":{…},"route":{…}|null,"error":"…"(only on failure),"steps":[{"step":1,"depth":0,
/// "kind":"rule","outcome":"no-match","text":"…","rule":"32765: from 10.0.0.1 lookup 100",
/// "priority":32765,"table":"100","route":"default via …","address":"…","dev":"…"}]}</c>;
/// <c>step</c> numbers the top-level steps (as the text does), nested ones carry their parent's.
/// </remarks>
public static class ExplainJson
{
    public static string Format(RouteResult result, ExplainTrace trace, HostState state)
    {
        var names = state.TableNames;
        var texts = ExplainTexts.For(state);
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, RouteGetJson.Options))
        {
            w.WriteStartObject();
            w.WritePropertyName("query");
            WriteQuery(w, result.Query);
            if (result is RouteDecision d)
            {
                w.WritePropertyName("route");
                RouteGetJson.WriteObject(w, d, names);
                w.WriteBoolean("multipath_choice_uncertain", d.MultipathChoiceUncertain);
            }
            else if (result is RouteError e)
            {
                w.WriteNull("route");
                w.WriteString("error", e.Message);
                w.WriteString("errno", e.Errno.ToString());
                w.WriteString("reason", Kebab(e.Reason.ToString()));
                if (e.Detail is not null)
                    w.WriteString("detail", e.Detail);
            }
            w.WriteStartArray("steps");
            int n = 0;
            foreach (var s in trace.Steps)
            {
                if (s.Depth == 0) n++;
                w.WriteStartObject();
                w.WriteNumber("step", n);
                w.WriteNumber("depth", s.Depth);
                w.WriteString("kind", Kebab(s.Kind.ToString()));
                if (s.Outcome is not null)
                    w.WriteString("outcome", s.Outcome);
                w.WriteString("text", s.Text);
                if (s.Rule is not null)
                {
                    // The priorities marking a goto [unresolved] are those of the query's family.
                    w.WriteString("rule", s.Rule.Family == result.Query.Family
                        ? texts.RuleJson(s.Rule)
                        : RuleText.Format(s.Rule, names, texts.Devices, texts.Priorities(result.Query.Family)).Replace(":\t", ": "));
                    w.WriteNumber("priority", s.Rule.Priority);
                }
                if (s.Table is uint t)
                    w.WriteString("table", names.Format(t));
                if (s.Route is not null)
                    w.WriteString("route", texts.Route(s.Route, true));
                if (s.Address is not null)
                    w.WriteString("address", s.Address.ToString());
                if (s.Dev is not null)
                    w.WriteString("dev", s.Dev);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }

    private static void WriteQuery(Utf8JsonWriter w, RouteQuery q)
    {
        w.WriteStartObject();
        w.WriteString("dst", q.Dst.ToString());
        if (q.From is not null) w.WriteString("from", q.From.ToString());
        if (q.Iif is not null) w.WriteString("iif", q.Iif);
        if (q.Oif is not null) w.WriteString("oif", q.Oif);
        if (q.Mark is uint m) w.WriteNumber("mark", m);
        if (q.Tos is byte tos) w.WriteString("tos", DsfieldNames.Format(tos));
        if (q.IpProto is byte p) w.WriteString("ipproto", IpProtocolNames.Format(p));
        if (q.SPort is ushort sp) w.WriteNumber("sport", sp);
        if (q.DPort is ushort dp) w.WriteNumber("dport", dp);
        if (q.Uid is uint u) w.WriteNumber("uid", u);
        w.WriteEndObject();
    }

    private static string Kebab(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 4);
        for (int i = 0; i < pascal.Length; i++)
        {
            char c = pascal[i];
            if (char.IsUpper(c))
            {
                if (i > 0) sb.Append('-');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
