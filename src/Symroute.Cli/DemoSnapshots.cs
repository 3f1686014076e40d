using System.Reflection;
using Symroute.Model;
using Symroute.Sources;

namespace Symroute.Cli;

/// <summary>
/// Snapshots bundled in the binary (embedded resources <c>demo/NAME.json</c>, generated from the
/// scenario fixtures) so that <c>symroute check --demo s1</c> shows what the tool does on any machine.
/// </summary>
public static class DemoSnapshots
{
    private const string Prefix = "demo/";

    /// <summary>The bundled names, sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = typeof(DemoSnapshots).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..^".json".Length])
        .OrderBy(n => n, Comparer<string>.Create(NaturalCompare))
        .ToList();

    /// <summary>The snapshot text of a demo, or throws InputException naming the demos there are.</summary>
    public static string Text(string name)
    {
        using var stream = typeof(DemoSnapshots).Assembly.GetManifestResourceStream(Prefix + name + ".json")
            ?? throw new InputException($"check: no demo named '{name}' (available: {string.Join(", ", Names)})");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static HostState Load(string name) => Parse(name, Text(name));

    private static HostState Parse(string name, string text) => SnapshotReader.Read(text, $"demo:{name}");

    // s2 before s10; s1 before s1-fixed.
    private static int NaturalCompare(string a, string b)
    {
        static (string Head, int Number, string Tail) Key(string s)
        {
            int i = 0;
            while (i < s.Length && !char.IsDigit(s[i])) i++;
            int j = i;
            while (j < s.Length && char.IsDigit(s[j])) j++;
            int n = j > i ? int.Parse(s.AsSpan(i, j - i), System.Globalization.CultureInfo.InvariantCulture) : -1;
            return (s[..i], n, s[j..]);
        }
        var ka = Key(a);
        var kb = Key(b);
        int c = string.CompareOrdinal(ka.Head, kb.Head);
        if (c == 0) c = ka.Number.CompareTo(kb.Number);
        if (c == 0) c = string.CompareOrdinal(ka.Tail, kb.Tail);
        return c;
    }
}
