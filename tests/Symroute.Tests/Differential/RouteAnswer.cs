using System.Text.Json;

namespace Symroute.Tests.Differential;

/// <summary>
/// The compared part of one <c>route get</c> answer, from <c>ip -json route get</c> or from
/// <c>symroute route get --batch</c>: an error message, or the route fields.
/// </summary>
public sealed record RouteAnswer(
    string? Error,
    string? Type = null,
    string? Dst = null,
    string? From = null,
    string? Gateway = null,
    string? Dev = null,
    string? PrefSrc = null,
    string? Table = null,
    string? Iif = null,
    string Raw = "")
{
    public bool IsError => Error is not null;

    /// <summary>Compared fields, in report order.</summary>
    public static readonly string[] FieldNames = ["error", "type", "dst", "from", "gateway", "dev", "prefsrc", "table", "iif"];

    public string? Field(string name) => name switch
    {
        "error" => Error,
        "type" => Type,
        "dst" => Dst,
        "from" => From,
        "gateway" => Gateway,
        "dev" => Dev,
        "prefsrc" => PrefSrc,
        "table" => Table,
        "iif" => Iif,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    public static RouteAnswer FromError(string message) => new(message, Raw: "error: " + message);

    /// <summary>
    /// Parses one answer line: a JSON array holding one route (as <c>ip -json</c> prints), a bare
    /// route object, or <c>{"error": "..."}</c>. Anything else is reported as an unparsable answer.
    /// </summary>
    public static RouteAnswer Parse(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                if (root.GetArrayLength() != 1)
                    return new RouteAnswer($"(answer with {root.GetArrayLength()} routes)", Raw: line);
                root = root[0];
            }
            if (root.ValueKind != JsonValueKind.Object)
                return new RouteAnswer("(unparsable answer)", Raw: line);
            if (root.TryGetProperty("error", out var e))
                return new RouteAnswer(e.ValueKind == JsonValueKind.String ? e.GetString() : e.ToString(), Raw: line);
            return new RouteAnswer(
                null,
                Str(root, "type") ?? "unicast",
                Str(root, "dst"),
                Str(root, "from"),
                Str(root, "gateway"),
                Str(root, "dev"),
                Str(root, "prefsrc"),
                Str(root, "table"),
                Str(root, "iif"),
                line);
        }
        catch (JsonException)
        {
            return new RouteAnswer("(unparsable answer)", Raw: line);
        }
    }

    private static string? Str(JsonElement o, string key) =>
        o.TryGetProperty(key, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Null => "null",
            _ => v.GetRawText(),
        } : null;

    public override string ToString() => Raw;
}
