namespace Symroute.Sources.Config;

/// <summary>Reads INI-style files: <c>[Section]</c> headers (repeatable), <c>Key=Value</c> lines, <c>#</c> and <c>;</c> comments.</summary>
public static class IniReader
{
    public static List<IniSection> Parse(string text, string file)
    {
        var sections = new List<IniSection>();
        List<(string, string, int)>? entries = null;
        int no = 0;
        foreach (var raw in text.Replace("\r\n", "\n").Split('\n'))
        {
            no++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';') continue;
            if (line[0] == '[')
            {
                if (!line.EndsWith(']'))
                    throw InputException.At(file, no, 1, $"section header without ']': '{line}'");
                entries = [];
                sections.Add(new IniSection(line[1..^1].Trim(), no, entries));
                continue;
            }
            int eq = line.IndexOf('=');
            if (eq <= 0)
                throw InputException.At(file, no, 1, $"expected KEY=VALUE, found '{(line.Length > 30 ? line[..30] + "…" : line)}'");
            if (entries is null)
                throw InputException.At(file, no, 1, "setting before any [Section]");
            entries.Add((line[..eq].Trim(), line[(eq + 1)..].Trim(), no));
        }
        return sections;
    }
}
