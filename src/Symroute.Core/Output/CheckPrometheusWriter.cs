using System.Text;
using Symroute.Checks;

namespace Symroute.Output;

/// <summary>
/// <c>--format prometheus</c>: the node_exporter textfile collector format (Prometheus text
/// exposition format 0.0.4) with HELP and TYPE lines; write it to
/// <c>/var/lib/node_exporter/textfile_collector/symroute.prom</c> atomically (temp file + mv).
/// </summary>
public static class CheckPrometheusWriter
{
    public static void Write(TextWriter w, CheckReport report)
    {
        w.WriteLine("# HELP symroute_check_status Result of the last symroute check: 0 ok, 1 warning, 2 critical.");
        w.WriteLine("# TYPE symroute_check_status gauge");
        w.WriteLine($"symroute_check_status {report.ExitStatus}");
        w.WriteLine("# HELP symroute_check_findings Findings of the last symroute check, by severity.");
        w.WriteLine("# TYPE symroute_check_findings gauge");
        foreach (var s in new[] { Severity.Critical, Severity.Warning, Severity.Info })
            w.WriteLine($"symroute_check_findings{{severity=\"{s.ToName()}\"}} {report.Count(s)}");
        w.WriteLine("# HELP symroute_check_finding Findings of the last symroute check by code and subject (how many).");
        w.WriteLine("# TYPE symroute_check_finding gauge");
        // One series per label set: a textfile with a repeated series is rejected by node_exporter.
        foreach (var group in report.Findings.GroupBy(Labels, StringComparer.Ordinal))
            w.WriteLine($"symroute_check_finding{{{group.Key}}} {group.Count()}");
        w.WriteLine("# HELP symroute_check_interfaces Interfaces with global addresses seen by the last symroute check.");
        w.WriteLine("# TYPE symroute_check_interfaces gauge");
        w.WriteLine($"symroute_check_interfaces {report.Host.Interfaces.Length}");
        w.WriteLine("# HELP symroute_check_routes Routes in all tables seen by the last symroute check.");
        w.WriteLine("# TYPE symroute_check_routes gauge");
        w.WriteLine($"symroute_check_routes {report.Host.Routes}");
        w.WriteLine("# HELP symroute_check_rules Policy rules seen by the last symroute check.");
        w.WriteLine("# TYPE symroute_check_rules gauge");
        w.WriteLine($"symroute_check_rules {report.Host.Rules}");
    }

    private static string Labels(Finding f)
    {
        var labels = new StringBuilder();
        Label(labels, "code", f.Code);
        Label(labels, "severity", f.Severity.ToName());
        Label(labels, "interface", f.Subject.Interface);
        Label(labels, "address", f.Subject.Address?.ToString());
        Label(labels, "rule", f.Subject.Rule?.Split(':')[0]);
        Label(labels, "table", f.Subject.Table);
        return labels.ToString();
    }

    private static void Label(StringBuilder sb, string name, string? value)
    {
        if (value is null) return;
        if (sb.Length > 0) sb.Append(',');
        sb.Append(name).Append("=\"");
        foreach (char c in value)
        {
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '"': sb.Append("\\\""); break;
                case '\n': sb.Append("\\n"); break;
                default: sb.Append(c); break;
            }
        }
        sb.Append('"');
    }
}
