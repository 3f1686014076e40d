using System.Globalization;
using Symroute.Checks;
using Symroute.Planning;

namespace Symroute.Output;

/// <summary>
/// The readable <c>symroute check</c> report: one summary line first (what a person or a log
/// grep needs), the host, then findings grouped by severity, each with its evidence as an
/// indented trace and its remedy.
/// </summary>
public static class CheckTextWriter
{
    public static void Write(TextWriter w, CheckReport report, bool color)
    {
        var ansi = new Ansi(color);
        var h = report.Host;
        string host = h.Hostname ?? "this host";
        string status = report.StatusName.ToUpperInvariant();
        string styled = report.Status switch
        {
            Severity.Critical => ansi.Red(status),
            Severity.Warning => ansi.Yellow(status),
            _ => ansi.Green(status),
        };
        w.WriteLine($"{styled}: {Counts(report)} on {host} ({h.Source})");
        w.WriteLine();

        w.Write($"Host {host}");
        if (h.KernelRelease is not null) w.Write($", kernel {h.KernelRelease}");
        if (h.CapturedAt is { } at) w.Write($", state of {at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)}");
        w.WriteLine();
        int nameWidth = h.Interfaces.Select(i => i.Name.Length).DefaultIfEmpty(4).Max();
        int stateWidth = h.Interfaces.Select(i => i.State.Length).DefaultIfEmpty(2).Max();
        int addrWidth = h.Interfaces.Select(i => string.Join(' ', i.Addresses).Length).DefaultIfEmpty(0).Max();
        foreach (var i in h.Interfaces)
        {
            string line = $"  {i.Name.PadRight(nameWidth)}  {i.State.PadRight(stateWidth)}  {string.Join(' ', i.Addresses).PadRight(addrWidth)}";
            if (!i.Gateways.IsEmpty) line += $"  gateway {string.Join(' ', i.Gateways)}";
            if (i.Backend is not null) line += $"  ({i.Backend})";
            w.WriteLine(line.TrimEnd());
        }
        w.WriteLine($"  {h.Links} links, {h.Addresses} addresses, {h.Routes} routes in {h.Tables} tables, {h.Rules} rules");

        foreach (var severity in new[] { Severity.Critical, Severity.Warning, Severity.Info })
        {
            var group = report.Findings.Where(f => f.Severity == severity).ToList();
            if (group.Count == 0) continue;
            w.WriteLine();
            string title = severity switch
            {
                Severity.Critical => ansi.Red("Critical"),
                Severity.Warning => ansi.Yellow("Warning"),
                _ => ansi.Cyan("Info"),
            };
            w.WriteLine(title);
            foreach (var f in group)
                WriteFinding(w, f, ansi);
        }

        if (!report.Skipped.IsEmpty)
        {
            w.WriteLine();
            w.WriteLine("Not checked");
            foreach (var s in report.Skipped)
                w.WriteLine($"  {s.Code}: {s.Reason}");
        }
    }

    private static void WriteFinding(TextWriter w, Finding f, Ansi ansi)
    {
        string subject = f.Subject.Label;
        w.WriteLine($"  {ansi.Bold(f.Code)}{(subject.Length > 0 ? "  " + subject : "")}");
        w.WriteLine($"    {f.Summary}");
        if (!f.Evidence.IsEmpty)
        {
            w.WriteLine("    Evidence:");
            foreach (var e in f.Evidence)
            {
                w.WriteLine($"      - {e.Text}");
                if (e.Query is not { } q) continue;
                w.WriteLine($"        $ symroute route get {q.Command} --explain");
                foreach (var step in q.Trace)
                    w.WriteLine(ansi.Dim($"          {new string(' ', 2 * step.Depth)}{step.Text}"));
                w.WriteLine($"          => {q.Result}");
            }
        }
        if (f.Remedy is { } r)
        {
            string strategy = r.Strategy is { } s ? $" ({StrategyNames.Format(s)})" : "";
            w.WriteLine($"    Remedy{strategy}: {r.Reason}");
            if (r.Command is not null)
                w.WriteLine($"      {ansi.Bold(r.Command)}");
        }
    }

    public static string Counts(CheckReport report) =>
        report.Findings.IsEmpty
            ? "no findings"
            : $"{report.Count(Severity.Critical)} critical, {report.Count(Severity.Warning)} warning, {report.Count(Severity.Info)} info";
}
