using System.Collections.Immutable;
using System.Globalization;

namespace Symroute.Sources;

/// <summary>
/// Parses iproute2's <c>rt_tables</c> format (lib/rt_names.c, fread_id_name): one <c>ID NAME</c>
/// per line, ID decimal or <c>0x</c> hex, blanks and tabs around, <c>#</c> comment lines, and
/// anything after the name ignored. Pure: text in, entries out.
/// </summary>
public static class RtTablesParser
{
    /// <summary>
    /// Entries in file order. A line iproute2 calls corrupt ("Database FILE is corrupted at LINE")
    /// raises <see cref="InputException"/> <c>FILE:LINE:COL: …</c>. Ids iproute2 silently skips
    /// (negative, or beyond a signed 32-bit int) are skipped here too.
    /// </summary>
    public static ImmutableArray<RtTablesEntry> Parse(string text, string file)
    {
        var result = ImmutableArray.CreateBuilder<RtTablesEntry>();
        int lineNo = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNo++;
            var line = rawLine.AsSpan().TrimEnd('\r');
            int col = 0;
            while (col < line.Length && line[col] is ' ' or '\t')
                col++;
            if (col == line.Length || line[col] == '#')
                continue;
            if (!TryParseLine(line[col..], out long id, out string? name, out int errorAt))
                throw InputException.At(file, lineNo, col + errorAt + 1,
                    $"expected 'ID NAME' (a table number and its name), found '{line[col..].ToString()}'");
            if (id < 0 || id > int.MaxValue)
                continue;
            result.Add(new RtTablesEntry((uint)id, name!, lineNo));
        }
        return result.ToImmutable();
    }

    /// <summary>sscanf "0x%x %s" or "%d %s": a number, optional blanks, then a name of non-blank characters.</summary>
    private static bool TryParseLine(ReadOnlySpan<char> s, out long id, out string? name, out int errorAt)
    {
        id = 0;
        name = null;
        int i = 0;
        bool hex = s.StartsWith("0x", StringComparison.Ordinal) && s.Length > 2 && char.IsAsciiHexDigit(s[2]);
        if (hex)
        {
            i = 2;
            int start = i;
            while (i < s.Length && char.IsAsciiHexDigit(s[i])) i++;
            // %x stores 32 bits: larger values wrap, and ids of 0x80000000 and above read as negative.
            if (!ulong.TryParse(s[start..i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong v) || i - start > 8)
                id = -1;
            else
                id = unchecked((int)(uint)v);
        }
        else
        {
            bool negative = false;
            if (i < s.Length && s[i] is '+' or '-') { negative = s[i] == '-'; i++; }
            int start = i;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
            if (i == start)
            {
                errorAt = 0;
                return false;
            }
            if (!long.TryParse(s[start..i], NumberStyles.None, CultureInfo.InvariantCulture, out id) || id > int.MaxValue)
                id = -1;
            else if (negative)
                id = -id;
        }
        while (i < s.Length && s[i] is ' ' or '\t' or '\v' or '\f')
            i++;
        int nameStart = i;
        while (i < s.Length && !char.IsWhiteSpace(s[i])) i++;
        if (i == nameStart)
        {
            errorAt = nameStart;
            return false;
        }
        name = s[nameStart..i].ToString();
        errorAt = 0;
        return true;
    }
}
