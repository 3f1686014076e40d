using System.Buffers;
using System.Collections.Immutable;
using System.Text.Encodings.Web;
using System.Text.Json;
using Symroute.Backends;
using Symroute.Host.Files;
using Symroute.Model;
using Symroute.Planning;
using Symroute.Sources;

namespace Symroute.Host.Apply;

/// <summary>
/// Reads and writes <c>ROOT/var/lib/symroute/journal.json</c> (mode 0600, atomically: temporary file,
/// fsync, rename). The routes and rules of the steps are stored as a snapshot fragment
/// (<c>ip -json</c> objects, the snapshot format), which round-trips every attribute the kernel needs
/// to delete or re-add them; steps refer to them by family and position.
/// </summary>
public static class JournalFile
{
    public const int Version = 1;

    private static JsonWriterOptions Options => new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(string root, Journal j)
    {
        ApplyPaths.EnsureDir(root);
        RootFileWriter.Write(root, ApplyPaths.StateDir + "/journal.json", Serialize(j), RenderedFile.Mode0600);
    }

    public static Journal? Read(string root)
    {
        string path = ApplyPaths.Journal(root);
        if (!File.Exists(path))
            return null;
        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Keeps the last journal as journal.previous.json before a new apply starts.</summary>
    public static void Rotate(string root)
    {
        string path = ApplyPaths.Journal(root);
        if (File.Exists(path))
            File.Move(path, ApplyPaths.PreviousJournal(root), overwrite: true);
    }

    public static string Serialize(Journal j)
    {
        var routes = j.Steps.Where(s => s.Route is not null).Select(s => s.Route!).ToList();
        var rules = j.Steps.Where(s => s.Rule is not null).Select(s => s.Rule!).ToList();
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteNumber("symroute_journal"u8, Version);
            w.WriteString("id"u8, j.Id);
            w.WriteString("state"u8, JournalStateNames.Format(j.State));
            w.WriteNumber("pid"u8, j.Pid);
            w.WriteString("created_at"u8, j.CreatedAt);
            w.WriteString("strategy"u8, j.Strategy);
            if (j.Deadline is { } d) w.WriteString("deadline"u8, d); else w.WriteNull("deadline"u8);
            if (j.WatchdogPid is { } wp) w.WriteNumber("watchdog_pid"u8, wp); else w.WriteNull("watchdog_pid"u8);
            if (j.BackupDir is { } b) w.WriteString("backup_dir"u8, b); else w.WriteNull("backup_dir"u8);
            if (j.Message is { } m) w.WriteString("message"u8, m); else w.WriteNull("message"u8);

            w.WriteStartArray("steps"u8);
            int[] routeIndex = [0, 0], ruleIndex = [0, 0];
            foreach (var s in j.Steps)
            {
                w.WriteStartObject();
                w.WriteString("kind"u8, KindName(s.Kind));
                w.WriteString("description"u8, s.Description);
                w.WriteString("undo"u8, ApplySteps.UndoDescription(s));
                if (s.Route is { } r)
                {
                    int f = r.Family == Family.Inet6 ? 1 : 0;
                    w.WriteString("family"u8, f == 1 ? "inet6" : "inet");
                    w.WriteNumber("index"u8, routeIndex[f]++);
                }
                if (s.Rule is { } rule)
                {
                    int f = rule.Family == Family.Inet6 ? 1 : 0;
                    w.WriteString("family"u8, f == 1 ? "inet6" : "inet");
                    w.WriteNumber("index"u8, ruleIndex[f]++);
                }
                if (s.SysctlKey is { } key)
                {
                    w.WriteString("key"u8, key);
                    w.WriteNumber("value"u8, s.Value ?? 0);
                    if (s.Before is { } before) w.WriteNumber("before"u8, before); else w.WriteNull("before"u8);
                }
                if (s.Kind == ApplyStepKind.LoadNftables)
                {
                    w.WriteString("ruleset"u8, s.Ruleset);
                    if (s.RulesetBefore is { } rb) w.WriteString("ruleset_before"u8, rb); else w.WriteNull("ruleset_before"u8);
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();

            // The routes and rules the steps add or delete, in the snapshot format (ip -json objects).
            w.WritePropertyName("objects"u8);
            SnapshotWriter.Write(w, new HostState([], [], [.. routes], [.. rules], Sysctls.Empty, new TableNames(ImmutableSortedDictionary<uint, string>.Empty)));

            w.WriteStartArray("before"u8);
            foreach (var line in j.Before) w.WriteStringValue(line);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    public static Journal Parse(byte[] utf8, string file)
    {
        try
        {
            using var doc = JsonDocument.Parse(utf8);
            var root = doc.RootElement;
            if (root.GetProperty("symroute_journal").GetInt32() != Version)
                throw new InputException($"{file}: unsupported journal version");
            var objects = SnapshotReader.Read(System.Text.Encoding.UTF8.GetBytes(root.GetProperty("objects").GetRawText()), file + " (objects)");
            var routes = new[] { objects.Routes.Where(r => r.Family == Family.Inet).ToList(), objects.Routes.Where(r => r.Family == Family.Inet6).ToList() };
            var rules = new[] { objects.Rules.Where(r => r.Family == Family.Inet).ToList(), objects.Rules.Where(r => r.Family == Family.Inet6).ToList() };

            var steps = ImmutableArray.CreateBuilder<ApplyStep>();
            foreach (var s in root.GetProperty("steps").EnumerateArray())
            {
                var kind = ParseKind(s.GetProperty("kind").GetString()!);
                string description = s.GetProperty("description").GetString()!;
                int f = s.TryGetProperty("family", out var fam) && fam.GetString() == "inet6" ? 1 : 0;
                switch (kind)
                {
                    case ApplyStepKind.AddRoute or ApplyStepKind.DeleteRoute:
                        steps.Add(new ApplyStep(kind, description, Route: routes[f][s.GetProperty("index").GetInt32()]));
                        break;
                    case ApplyStepKind.AddRule or ApplyStepKind.DeleteRule:
                        steps.Add(new ApplyStep(kind, description, Rule: rules[f][s.GetProperty("index").GetInt32()]));
                        break;
                    case ApplyStepKind.SetSysctl:
                        steps.Add(new ApplyStep(kind, description, SysctlKey: s.GetProperty("key").GetString(),
                            Value: s.GetProperty("value").GetInt32(), Before: NullableInt(s, "before")));
                        break;
                    default:
                        steps.Add(new ApplyStep(kind, description, Ruleset: s.GetProperty("ruleset").GetString(),
                            RulesetBefore: NullableString(s, "ruleset_before")));
                        break;
                }
            }
            return new Journal(
                Id: root.GetProperty("id").GetString()!,
                State: JournalStateNames.Parse(root.GetProperty("state").GetString()!),
                Pid: root.GetProperty("pid").GetInt32(),
                CreatedAt: root.GetProperty("created_at").GetDateTimeOffset(),
                Strategy: root.GetProperty("strategy").GetString()!,
                Steps: steps.ToImmutable(),
                Before: [.. root.GetProperty("before").EnumerateArray().Select(e => e.GetString()!)],
                Deadline: root.GetProperty("deadline").ValueKind == JsonValueKind.Null ? null : root.GetProperty("deadline").GetDateTimeOffset(),
                WatchdogPid: NullableInt(root, "watchdog_pid"),
                BackupDir: NullableString(root, "backup_dir"),
                Message: NullableString(root, "message"));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or InvalidDataException or FormatException or ArgumentOutOfRangeException)
        {
            throw new InputException($"{file}: not a symroute journal: {e.Message}", e);
        }
    }

    private static int? NullableInt(JsonElement e, string key) =>
        e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;

    private static string? NullableString(JsonElement e, string key) =>
        e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string KindName(ApplyStepKind k) => k switch
    {
        ApplyStepKind.DeleteRule => "delete-rule",
        ApplyStepKind.DeleteRoute => "delete-route",
        ApplyStepKind.AddRoute => "add-route",
        ApplyStepKind.AddRule => "add-rule",
        ApplyStepKind.SetSysctl => "set-sysctl",
        _ => "load-nftables",
    };

    private static ApplyStepKind ParseKind(string s) => s switch
    {
        "delete-rule" => ApplyStepKind.DeleteRule,
        "delete-route" => ApplyStepKind.DeleteRoute,
        "add-route" => ApplyStepKind.AddRoute,
        "add-rule" => ApplyStepKind.AddRule,
        "set-sysctl" => ApplyStepKind.SetSysctl,
        "load-nftables" => ApplyStepKind.LoadNftables,
        _ => throw new InvalidDataException($"unknown step kind '{s}'"),
    };
}
