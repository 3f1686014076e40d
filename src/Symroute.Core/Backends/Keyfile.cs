using System.Globalization;
using System.Text;

namespace Symroute.Backends;

/// <summary>
/// A NetworkManager keyfile (nm-settings-keyfile(5): an ini file), edited line by line so that
/// everything symroute does not touch stays byte for byte: keys are appended at the end of their
/// section (the section is created if missing), and removed by exact value.
/// </summary>
public sealed class Keyfile
{
    private readonly List<string> _lines;

    public Keyfile(string text)
    {
        _lines = [.. text.Replace("\r\n", "\n").Split('\n')];
        if (_lines.Count > 0 && _lines[^1].Length == 0)
            _lines.RemoveAt(_lines.Count - 1);
    }

    /// <summary>Values of the keys <c>PREFIX1</c>, <c>PREFIX2</c>, … of a section, by number.</summary>
    public SortedDictionary<int, string> Numbered(string section, string prefix)
    {
        var d = new SortedDictionary<int, string>();
        var (start, end) = Section(section);
        for (int i = start; i < end; i++)
            if (Split(_lines[i]) is var (k, v) && k.StartsWith(prefix, StringComparison.Ordinal)
                && int.TryParse(k.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int n))
                d[n] = v;
        return d;
    }

    public string? Get(string section, string key)
    {
        var (start, end) = Section(section);
        for (int i = start; i < end; i++)
            if (Split(_lines[i]) is var (k, v) && k == key)
                return v;
        return null;
    }

    /// <summary>Appends <c>KEY=VALUE</c> at the end of the section's keys.</summary>
    public void Add(string section, string key, string value)
    {
        var (start, end) = Section(section);
        if (start < 0)
        {
            if (_lines.Count > 0 && _lines[^1].Length != 0) _lines.Add("");
            _lines.Add($"[{section}]");
            _lines.Add($"{key}={value}");
            return;
        }
        int at = end;
        while (at > start && _lines[at - 1].Trim().Length == 0) at--;
        _lines.Insert(at, $"{key}={value}");
    }

    /// <summary>Removes a key of the section.</summary>
    public bool Remove(string section, string key)
    {
        var (start, end) = Section(section);
        for (int i = start; i < end; i++)
        {
            if (Split(_lines[i]) is var (k, _) && k == key)
            {
                _lines.RemoveAt(i);
                return true;
            }
        }
        return false;
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var l in _lines) sb.Append(l).Append('\n');
        return sb.ToString();
    }

    // (first line after the header, index of the next header or end); (-1, -1) when absent.
    private (int Start, int End) Section(string name)
    {
        int start = -1;
        for (int i = 0; i < _lines.Count; i++)
        {
            string t = _lines[i].Trim();
            if (t.StartsWith('[') && t.EndsWith(']'))
            {
                if (start >= 0) return (start, i);
                if (t[1..^1] == name) start = i + 1;
            }
        }
        return start >= 0 ? (start, _lines.Count) : (-1, -1);
    }

    private static (string Key, string Value)? Split(string line)
    {
        string t = line.TrimStart();
        if (t.Length == 0 || t[0] is '#' or ';' or '[') return null;
        int eq = t.IndexOf('=');
        return eq < 0 ? null : (t[..eq].Trim(), t[(eq + 1)..]);
    }
}
