using System.Text;
using Symroute.Backends;
using Symroute.Model;
using Symroute.Planning;

namespace Symroute.Output;

/// <summary>
/// The plan as people review it: the strategy and why, a diff (<c>+</c> added, <c>-</c> removed,
/// <c>=</c> already in place) with the reason under each line, the simulated proof, the notes, and
/// what each backend would write or run.
/// </summary>
public static class PlanTextWriter
{
    public static void Write(TextWriter w, Plan plan, HostState host, PlanProof? proof, IReadOnlyList<Rendering> renderings, string root, bool written)
    {
        if (plan.Refusal is not null)
        {
            w.WriteLine("symroute plan: refused");
            w.WriteLine("  " + plan.Refusal);
            return;
        }
        string strategy = StrategyNames.Format(plan.Strategy);
        w.WriteLine($"symroute plan: strategy {strategy} ({(plan.StrategyChosen ? "chosen from the host" : "asked for")})");
        w.WriteLine("  " + plan.StrategyReason);
        int add = plan.Count(ChangeKind.Add) + plan.Connmarks.Count(c => c.Change == ChangeKind.Add), remove = plan.Count(ChangeKind.Remove),
            keep = plan.Count(ChangeKind.Keep) + plan.Connmarks.Count(c => c.Change == ChangeKind.Keep);
        w.WriteLine(plan.IsEmptyDiff && plan.ConnmarksInPlace
            ? $"  nothing to change ({keep} item{(keep == 1 ? "" : "s")} already in place)"
            : $"  {add} to add, {remove} to remove, {keep} already in place");

        var name = PlanText.TableNamer(plan, host);
        if (plan.Uplinks.Length > 0)
        {
            w.WriteLine();
            w.WriteLine("Interfaces:");
            foreach (var u in plan.Uplinks)
            {
                var sb = new StringBuilder($"  {u.Dev}: table {u.Table} ({Ownership.TableName(u.Dev)})");
                if (u.Gateway4 is not null) sb.Append($", gateway {u.Gateway4} ({u.Gateway4Source})");
                if (u.Gateway6 is not null) sb.Append($", IPv6 router {u.Gateway6} ({u.Gateway6Source})");
                if (u.Dhcp4) sb.Append(", DHCP");
                if (u.Mark is uint m) sb.Append($", mark 0x{m:x}");
                w.WriteLine(sb.ToString());
            }
        }
        Section(w, "Tables (rt_tables.d/symroute.conf):", plan.Tables.Select(t => (t.Change, $"{t.Id} {t.Name}", t.Reason)));
        Section(w, "Routes:", plan.Routes.Select(r => (r.Change, PlanText.Route(r.Route, name), r.Reason)));
        Section(w, "Rules:", plan.Rules.OrderBy(r => r.Rule.Family).ThenBy(r => r.Rule.Priority).Select(r => (r.Change, PlanText.Rule(r.Rule, name), r.Reason)));
        Section(w, "Sysctls:", plan.Sysctls.Select(s => (s.Change,
            $"{s.Key} = {s.Value}{(s.Current is int c ? $" (now {c})" : " (now unknown)")}",
            s.Warning is null ? s.Reason : s.Reason + "\n" + s.Warning)));
        Section(w, "Connection marks (nftables table inet symroute):", plan.Connmarks.Select(c => (c.Change,
            $"{c.Dev}: ct mark 0x{c.Mark:x}/0x{c.Mask:x} -> fwmark rule -> table {name(c.Table)}", c.Reason)));

        if (proof is not null)
            WriteProof(w, proof);

        if (plan.Notes.Length > 0 || renderings.Any(r => r.Notes.Length > 0))
        {
            w.WriteLine();
            w.WriteLine("Notes:");
            foreach (var n in plan.Notes.Concat(renderings.SelectMany(r => r.Notes)).Distinct())
                w.WriteLine($"  {(n.Level == PlanNoteLevel.Warning ? "!" : "-")} {n.Text}");
        }

        foreach (var r in renderings)
            WriteRendering(w, r, root, written);
    }

    private static void WriteProof(TextWriter w, PlanProof proof)
    {
        w.WriteLine();
        w.WriteLine("Proof (simulated on the host's state, before -> after):");
        foreach (var p in proof.Paths)
        {
            string mark = !p.Ok ? "!!" : p.Changed ? "->" : "==";
            w.WriteLine($"  {mark} {p.Query}");
            w.WriteLine($"       before: {p.Before}");
            w.WriteLine($"       after:  {p.After}{(p.Expected is not null && !p.Ok ? $"   (expected {p.Expected})" : "")}");
            if (p.Why.Length > 0) w.WriteLine($"       why:    {p.Why}");
        }
        w.WriteLine($"  findings before: {List(proof.FindingsBefore)}");
        w.WriteLine($"  findings after:  {List(proof.FindingsAfter)}");
        if (proof.Cleared.Length > 0) w.WriteLine($"  cleared:         {List(proof.Cleared)}");
        if (proof.Introduced.Length > 0) w.WriteLine($"  introduced:      {List(proof.Introduced)}");
        if (proof.Failure is not null) w.WriteLine($"  NOT PROVEN: {proof.Failure}");
    }

    private static string List(IEnumerable<string> items) => items.Any() ? string.Join(", ", items) : "none";

    private static void Section(TextWriter w, string title, IEnumerable<(ChangeKind Change, string Text, string Reason)> items)
    {
        var list = items.ToList();
        if (list.Count == 0)
            return;
        w.WriteLine();
        w.WriteLine(title);
        foreach (var (change, text, reason) in list.OrderBy(i => i.Change == ChangeKind.Keep ? 1 : 0))
        {
            w.WriteLine($"  {PlanText.Sign(change)} {text}");
            foreach (var line in reason.Split('\n'))
                w.WriteLine($"      {line}");
        }
    }

    private static void WriteRendering(TextWriter w, Rendering r, string root, bool written)
    {
        w.WriteLine();
        w.WriteLine($"Backend {BackendNames.Format(r.Backend)}:");
        if (r.Runtime is { } rt)
        {
            w.WriteLine("  script (sh):");
            Indent(w, rt.Script, "    ");
        }
        foreach (var f in r.Files)
        {
            string path = Path.Join(root, f.Path);
            w.WriteLine($"  {(written ? "wrote" : "would write")} {path} (mode {f.ModeText}{(f.Replaces ? ", replaces the existing file" : "")}): {f.Purpose}");
            Indent(w, f.Contents, "    | ");
        }
        if (r.Commands.Length > 0)
        {
            w.WriteLine("  then run:");
            foreach (var c in r.Commands) w.WriteLine("    " + c);
        }
    }

    private static void Indent(TextWriter w, string text, string prefix)
    {
        foreach (var line in text.TrimEnd('\n').Split('\n'))
            w.WriteLine((prefix + line).TrimEnd());
    }
}
