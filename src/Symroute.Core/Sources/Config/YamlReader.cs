using System.Text;

namespace Symroute.Sources.Config;

/// <summary>
/// A reader for the YAML subset netplan files are written in: block mappings and sequences by
/// indentation (a sequence may sit at its key's indentation), flow <c>[…]</c> and <c>{…}</c>
/// collections (also across lines), single- and double-quoted and plain scalars, <c>|</c>/<c>&gt;</c>
/// block scalars, comments, one document. Anchors, tags and multi-document streams are not
/// supported: they are reported as errors rather than misread.
/// </summary>
public sealed class YamlReader
{
    private readonly string _file;
    private readonly List<(int No, int Indent, string Text)> _lines = [];
    private int _pos;

    private YamlReader(string text, string file)
    {
        _file = file;
        int no = 0;
        foreach (var raw in text.Replace("\r\n", "\n").Split('\n'))
        {
            no++;
            if (raw.Contains('\t') && raw.TrimStart(' ').StartsWith('\t'))
                throw InputException.At(file, no, raw.IndexOf('\t') + 1, "tab used for indentation (YAML allows spaces only)");
            string line = StripComment(raw).TrimEnd();
            string trimmed = line.TrimStart(' ');
            if (trimmed.Length == 0 || trimmed == "---" || trimmed == "...") continue;
            if (trimmed.StartsWith('%')) continue;
            _lines.Add((no, line.Length - trimmed.Length, line));
        }
    }

    /// <summary>Parses one document; null for an empty file.</summary>
    public static YamlNode? Parse(string text, string file)
    {
        var r = new YamlReader(text, file);
        if (r._lines.Count == 0) return null;
        var node = r.ParseBlock(r._lines[0].Indent);
        if (r._pos < r._lines.Count)
        {
            var (no, indent, _) = r._lines[r._pos];
            throw InputException.At(file, no, indent + 1, "unexpected indentation");
        }
        return node;
    }

    private YamlNode ParseBlock(int indent)
    {
        var (no, ind, text) = _lines[_pos];
        string body = text[ind..];
        if (body == "-" || body.StartsWith("- ", StringComparison.Ordinal))
            return ParseSequence(ind);
        if (FindKeyColon(body) >= 0)
            return ParseMapping(ind);
        _pos++;
        if (body.StartsWith('[') || body.StartsWith('{'))
            return ParseFlowFrom(body, no, ind);
        return Scalar(body, no, ind + 1);
    }

    private YamlSequence ParseSequence(int indent)
    {
        var (startNo, _, _) = _lines[_pos];
        var items = new List<YamlNode>();
        while (_pos < _lines.Count)
        {
            var (no, ind, text) = _lines[_pos];
            if (ind != indent) break;
            string body = text[ind..];
            if (!(body == "-" || body.StartsWith("- ", StringComparison.Ordinal))) break;
            if (body == "-")
            {
                _pos++;
                if (_pos < _lines.Count && _lines[_pos].Indent > indent)
                    items.Add(ParseBlock(_lines[_pos].Indent));
                else
                    items.Add(new YamlScalar(null, no, ind + 1));
                continue;
            }
            // "- key: value": the item's content starts after the dash; re-read the line from there.
            int contentIndent = ind + 2 + (body.Length - 2 - body[2..].TrimStart(' ').Length);
            _lines[_pos] = (no, contentIndent, new string(' ', contentIndent) + body[2..].TrimStart(' '));
            items.Add(ParseBlock(contentIndent));
        }
        return new YamlSequence(items, startNo, indent + 1);
    }

    private YamlMapping ParseMapping(int indent)
    {
        var (startNo, _, _) = _lines[_pos];
        var entries = new List<KeyValuePair<string, YamlNode>>();
        while (_pos < _lines.Count)
        {
            var (no, ind, text) = _lines[_pos];
            if (ind != indent) break;
            string body = text[ind..];
            if (body == "-" || body.StartsWith("- ", StringComparison.Ordinal)) break;
            int colon = FindKeyColon(body);
            if (colon < 0)
                throw InputException.At(_file, no, ind + 1, $"expected 'key: value', found '{Short(body)}'");
            string key = Unquote(body[..colon].Trim(), no, ind + 1);
            string rest = body[(colon + 1)..].Trim();
            int restCol = ind + colon + 2 + (body.Length - colon - 1 - body[(colon + 1)..].TrimStart().Length);
            _pos++;
            YamlNode value;
            if (rest.StartsWith('&') || rest.StartsWith('*') || rest.StartsWith('!'))
                throw InputException.At(_file, no, restCol, "YAML anchors, aliases and tags are not supported");
            if (rest.Length == 0)
            {
                if (_pos < _lines.Count && _lines[_pos].Indent > indent)
                    value = ParseBlock(_lines[_pos].Indent);
                else if (_pos < _lines.Count && _lines[_pos].Indent == indent && IsDash(_lines[_pos]))
                    value = ParseSequence(indent);
                else
                    value = new YamlScalar(null, no, restCol);
            }
            else if (rest.StartsWith('[') || rest.StartsWith('{'))
            {
                value = ParseFlowFrom(rest, no, restCol);
            }
            else if (rest is "|" or ">" or "|-" or ">-" or "|+" or ">+")
            {
                var sb = new StringBuilder();
                while (_pos < _lines.Count && _lines[_pos].Indent > indent)
                {
                    if (sb.Length > 0) sb.Append(rest[0] == '|' ? '\n' : ' ');
                    sb.Append(_lines[_pos].Text.TrimStart(' '));
                    _pos++;
                }
                value = new YamlScalar(sb.ToString(), no, restCol);
            }
            else
            {
                value = Scalar(rest, no, restCol);
            }
            entries.Add(new(key, value));
        }
        return new YamlMapping(entries, startNo, indent + 1);
    }

    private static bool IsDash((int No, int Indent, string Text) line)
    {
        string body = line.Text[line.Indent..];
        return body == "-" || body.StartsWith("- ", StringComparison.Ordinal);
    }

    /// <summary>Flow collections may span lines: gather until brackets balance.</summary>
    private YamlNode ParseFlowFrom(string first, int no, int col)
    {
        var sb = new StringBuilder(first);
        while (!Balanced(sb.ToString()))
        {
            if (_pos >= _lines.Count) throw InputException.At(_file, no, col, "unterminated flow collection");
            sb.Append(' ').Append(_lines[_pos].Text.Trim());
            _pos++;
        }
        int i = 0;
        string s = sb.ToString();
        var node = Flow(s, ref i, no, col);
        SkipSpaces(s, ref i);
        if (i < s.Length) throw InputException.At(_file, no, col + i, $"unexpected '{s[i]}' after flow collection");
        return node;
    }

    private YamlNode Flow(string s, ref int i, int no, int col)
    {
        SkipSpaces(s, ref i);
        if (i >= s.Length) throw InputException.At(_file, no, col + i, "unexpected end of flow collection");
        if (s[i] == '[')
        {
            i++;
            var items = new List<YamlNode>();
            while (true)
            {
                SkipSpaces(s, ref i);
                if (i < s.Length && s[i] == ']') { i++; break; }
                items.Add(Flow(s, ref i, no, col));
                SkipSpaces(s, ref i);
                if (i < s.Length && s[i] == ',') { i++; continue; }
                if (i < s.Length && s[i] == ']') { i++; break; }
                throw InputException.At(_file, no, col + i, "expected ',' or ']' in flow sequence");
            }
            return new YamlSequence(items, no, col);
        }
        if (s[i] == '{')
        {
            i++;
            var entries = new List<KeyValuePair<string, YamlNode>>();
            while (true)
            {
                SkipSpaces(s, ref i);
                if (i < s.Length && s[i] == '}') { i++; break; }
                var key = FlowScalar(s, ref i, no, col, stopAtColon: true);
                SkipSpaces(s, ref i);
                YamlNode value = new YamlScalar(null, no, col + i);
                if (i < s.Length && s[i] == ':') { i++; value = Flow(s, ref i, no, col); }
                entries.Add(new(key.Value ?? "", value));
                SkipSpaces(s, ref i);
                if (i < s.Length && s[i] == ',') { i++; continue; }
                if (i < s.Length && s[i] == '}') { i++; break; }
                throw InputException.At(_file, no, col + i, "expected ',' or '}' in flow mapping");
            }
            return new YamlMapping(entries, no, col);
        }
        return FlowScalar(s, ref i, no, col, stopAtColon: false);
    }

    private YamlScalar FlowScalar(string s, ref int i, int no, int col, bool stopAtColon)
    {
        SkipSpaces(s, ref i);
        int start = i;
        if (i < s.Length && s[i] is '"' or '\'')
        {
            char q = s[i++];
            var sb = new StringBuilder();
            while (i < s.Length && s[i] != q)
            {
                if (q == '"' && s[i] == '\\' && i + 1 < s.Length) { sb.Append(Escape(s[i + 1])); i += 2; continue; }
                if (q == '\'' && s[i] == '\'' && i + 1 < s.Length && s[i + 1] == '\'') { sb.Append('\''); i += 2; continue; }
                sb.Append(s[i++]);
            }
            if (i >= s.Length) throw InputException.At(_file, no, col + start, "unterminated quoted string");
            i++;
            return new YamlScalar(sb.ToString(), no, col + start);
        }
        while (i < s.Length && s[i] is not (',' or ']' or '}') && !(stopAtColon && s[i] == ':' && (i + 1 >= s.Length || s[i + 1] == ' ')))
            i++;
        return Plain(s[start..i].Trim(), no, col + start);
    }

    private YamlScalar Scalar(string text, int no, int col)
    {
        if (text.StartsWith('"') || text.StartsWith('\''))
        {
            int i = 0;
            var sc = FlowScalar(text, ref i, no, col, stopAtColon: false);
            if (text[i..].Trim().Length > 0) throw InputException.At(_file, no, col + i, "text after a quoted string");
            return sc;
        }
        return Plain(text, no, col);
    }

    private static YamlScalar Plain(string text, int no, int col) =>
        new(text is "" or "~" or "null" or "Null" or "NULL" ? null : text, no, col);

    private string Unquote(string key, int no, int col)
    {
        if (key.Length >= 2 && key[0] is '"' or '\'' && key[^1] == key[0])
        {
            int i = 0;
            return FlowScalar(key, ref i, no, col, stopAtColon: false).Value ?? "";
        }
        return key;
    }

    /// <summary>Index of the colon ending a mapping key (<c>key:</c> at end or <c>key: </c>), outside quotes and brackets; -1 if none.</summary>
    private static int FindKeyColon(string body)
    {
        if (body.StartsWith('[') || body.StartsWith('{')) return -1;
        char quote = '\0';
        for (int i = 0; i < body.Length; i++)
        {
            char c = body[i];
            if (quote != '\0') { if (c == quote) quote = '\0'; continue; }
            if ((c == '"' || c == '\'') && i == 0) { quote = c; continue; }
            if (c == ':' && (i + 1 == body.Length || body[i + 1] == ' ')) return i;
        }
        return -1;
    }

    private static string StripComment(string line)
    {
        char quote = '\0';
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quote != '\0') { if (c == quote) quote = '\0'; continue; }
            if (c is '"' or '\'' && (i == 0 || line[i - 1] is ' ' or ':' or '[' or '{' or ',' or '-')) { quote = c; continue; }
            if (c == '#' && (i == 0 || line[i - 1] == ' ')) return line[..i];
        }
        return line;
    }

    private static bool Balanced(string s)
    {
        int depth = 0;
        char quote = '\0';
        foreach (char c in s)
        {
            if (quote != '\0') { if (c == quote) quote = '\0'; continue; }
            if (c is '"' or '\'') quote = c;
            else if (c is '[' or '{') depth++;
            else if (c is ']' or '}') depth--;
        }
        return depth <= 0;
    }

    private static void SkipSpaces(string s, ref int i)
    {
        while (i < s.Length && s[i] == ' ') i++;
    }

    private static char Escape(char c) => c switch { 'n' => '\n', 't' => '\t', '0' => '\0', _ => c };

    private static string Short(string s) => s.Length > 30 ? s[..30] + "…" : s;
}
