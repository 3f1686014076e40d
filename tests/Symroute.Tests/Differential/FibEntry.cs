using System.Collections.Immutable;
using System.Text.Json;

namespace Symroute.Tests.Differential;

/// <summary>The matched FIB entry (<c>ip -json route get fibmatch …</c>): used to recognise ECMP choices.</summary>
public sealed record FibEntry(string? Dst, string? Scope, string? PrefSrc, ImmutableArray<FibNexthop> Nexthops, string Raw)
{
    public bool IsMultipath => Nexthops.Length > 1;

    public static FibEntry? Parse(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                if (root.GetArrayLength() == 0) return null;
                root = root[0];
            }
            if (root.ValueKind != JsonValueKind.Object) return null;
            var hops = ImmutableArray.CreateBuilder<FibNexthop>();
            if (root.TryGetProperty("nexthops", out var nhs) && nhs.ValueKind == JsonValueKind.Array)
                foreach (var nh in nhs.EnumerateArray())
                    hops.Add(new FibNexthop(Str(nh, "gateway"), Str(nh, "dev"), Flags(nh)));
            else
                hops.Add(new FibNexthop(Str(root, "gateway"), Str(root, "dev"), Flags(root)));
            return new FibEntry(Str(root, "dst"), Str(root, "scope"), Str(root, "prefsrc"), hops.ToImmutable(), line);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ImmutableArray<string> Flags(JsonElement o) =>
        o.TryGetProperty("flags", out var f) && f.ValueKind == JsonValueKind.Array
            ? [.. f.EnumerateArray().Select(x => x.GetString() ?? "")]
            : [];

    private static string? Str(JsonElement o, string key) =>
        o.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
