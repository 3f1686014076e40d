using System.Text;

namespace Symroute.Tests.Sources;

/// <summary>Deterministic random damage to parser input: truncation, flipped bytes, deleted or
/// duplicated tokens, garbage, huge and negative numbers, swapped lines.</summary>
public sealed class Mutator
{
    private readonly Random _r;

    public Mutator(int seed) => _r = new Random(seed);

    private static readonly string[] Garbage =
    [
        "\"", "{", "}", "[", "]", ":", ",", "null", "true", "-1", "99999999999999999999999", "4294967296", "1e400", "0x",
        "\\u0000", "\\", "\t", "\n", "\r\n", "é", "\u00ff", "\uffff", "nexthop", "via", "dev", "table", "from", "all",
        "lookup", "inet6", "valid_lft", "/", "/999", "::", ":::", "1.2.3", "256.1.1.1", "default", "pref", "@", "<", ">",
        "    inet 10.0.0.1/8 scope global eth0", "\tnexthop via 10.0.0.1 dev eth0 weight 0", "2: x: <UP>", "$ ip -6 route", "$ ip -j rule",
        "\"dst\":", "\"nexthops\":[{", "\"table\":\"\"", "-", "--", "0/0", "4294967295", "18446744073709551616", "-2147483649",
    ];

    public string Mutate(string input)
    {
        int rounds = 1 + _r.Next(3);
        for (int i = 0; i < rounds; i++) input = Once(input);
        return input;
    }

    public byte[] MutateBytes(byte[] input)
    {
        if (_r.Next(4) != 0) return Encoding.UTF8.GetBytes(Mutate(Encoding.UTF8.GetString(input)));
        var b = (byte[])input.Clone();
        if (b.Length == 0) return b;
        for (int i = 1 + _r.Next(4); i > 0; i--) b[_r.Next(b.Length)] = (byte)_r.Next(256);
        return _r.Next(3) == 0 ? b[.._r.Next(b.Length)] : b;
    }

    private string Once(string s)
    {
        if (s.Length == 0) return Garbage[_r.Next(Garbage.Length)];
        int pos = _r.Next(s.Length);
        switch (_r.Next(10))
        {
            case 0: return s[..pos];
            case 1: return s[..pos] + (char)_r.Next(1, 128) + s[(pos + 1)..];
            case 2: return s[..pos] + Garbage[_r.Next(Garbage.Length)] + s[pos..];
            case 3: return ReplaceToken(s, pos, "");
            case 4: return DuplicateToken(s, pos);
            case 5: return ReplaceNumber(s, pos);
            case 6: return SwapLines(s);
            case 7: return s[..pos] + s[Math.Min(s.Length, pos + 1 + _r.Next(20))..];
            case 8: return ReplaceToken(s, pos, Garbage[_r.Next(Garbage.Length)]);
            default: return s + "\n" + Garbage[_r.Next(Garbage.Length)] + " " + Garbage[_r.Next(Garbage.Length)];
        }
    }

    private static (int Start, int End) TokenAt(string s, int pos)
    {
        static bool Sep(char c) => char.IsWhiteSpace(c) || c is ',' or ':' or '"' or '{' or '}' or '[' or ']';
        int a = pos, b = pos;
        while (a > 0 && !Sep(s[a - 1])) a--;
        while (b < s.Length && !Sep(s[b])) b++;
        return (a, b);
    }

    private string ReplaceToken(string s, int pos, string with)
    {
        var (a, b) = TokenAt(s, pos);
        return s[..a] + with + s[b..];
    }

    private string DuplicateToken(string s, int pos)
    {
        var (a, b) = TokenAt(s, pos);
        return s[..b] + " " + s[a..b] + s[b..];
    }

    private string ReplaceNumber(string s, int pos)
    {
        for (int i = pos; i < s.Length; i++)
        {
            if (!char.IsDigit(s[i])) continue;
            int e = i;
            while (e < s.Length && char.IsDigit(s[e])) e++;
            string n = _r.Next(4) switch
            {
                0 => "99999999999999999999999999",
                1 => "4294967296",
                2 => "-" + s[i..e],
                _ => "0",
            };
            return s[..i] + n + s[e..];
        }
        return s;
    }

    private string SwapLines(string s)
    {
        var lines = s.Split('\n');
        if (lines.Length < 2) return s;
        int a = _r.Next(lines.Length), b = _r.Next(lines.Length);
        (lines[a], lines[b]) = (lines[b], lines[a]);
        return string.Join('\n', lines);
    }
}
