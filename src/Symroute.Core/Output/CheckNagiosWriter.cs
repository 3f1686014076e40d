using Symroute.Checks;

namespace Symroute.Output;

/// <summary>
/// <c>--format nagios</c>: one plugin status line, <c>SYMROUTE STATE - text | perfdata</c>
/// (Nagios plugin guidelines). The exit statuses 0/1/2/3 already mean OK/WARNING/CRITICAL/UNKNOWN.
/// </summary>
public static class CheckNagiosWriter
{
    public static void Write(TextWriter w, CheckReport report)
    {
        string state = report.Status switch
        {
            Severity.Critical => "CRITICAL",
            Severity.Warning => "WARNING",
            _ => "OK",
        };
        var serious = report.Findings.Where(f => f.Severity >= Severity.Warning).ToList();
        string text = serious.Count == 0
            ? $"no asymmetric routing found on {report.Host.Hostname ?? "this host"} ({report.Host.Interfaces.Length} interfaces)"
            : string.Join("; ", serious.Select(f => Clean($"{f.Code} {f.Subject.Label}".TrimEnd())));
        w.WriteLine($"SYMROUTE {state} - {text} | critical={report.Count(Severity.Critical)};;;0 warning={report.Count(Severity.Warning)};;;0 info={report.Count(Severity.Info)};;;0 interfaces={report.Host.Interfaces.Length};;;0 routes={report.Host.Routes};;;0 rules={report.Host.Rules};;;0");
    }

    /// <summary>'|' separates perfdata; keep it out of the text.</summary>
    private static string Clean(string s) => s.Replace('|', '/');

    /// <summary>The line printed when the check could not run (exit status 3).</summary>
    public static string Unknown(string message) => $"SYMROUTE UNKNOWN - {Clean(message)}";
}
