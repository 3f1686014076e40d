using System.Buffers;
using System.Net;
using System.Text;
using System.Text.Json;
using Symroute.Model;

namespace Symroute.Sources;

/// <summary>
/// What the <c>ip -json</c> element readers share: the file name and bytes (for FILE:LINE:COL
/// errors), the table names, and a pool that interns repeated strings and addresses.
/// </summary>
internal sealed class JsonContext
{
    public string File { get; }
    public ReadOnlyMemory<byte> Data { get; }
    public TableNames Names { get; }
    public StringPool Pool { get; }

    private string _what = "";
    private string? _itemKind;
    private int _itemIndex;

    /// <summary>Prefix for semantic errors, e.g. <c>route 12: </c>.</summary>
    public string What
    {
        get => _itemKind is null ? _what : $"{Section}{_itemKind} {_itemIndex}: ";
        set
        {
            _what = value;
            _itemKind = null;
        }
    }

    /// <summary>
    /// Sets <see cref="What"/> to <c>SECTION KIND INDEX: </c>, formatted only if an error needs
    /// it: a million-route dump should not build a million labels.
    /// </summary>
    public void SetItem(string kind, int index)
    {
        _itemKind = kind;
        _itemIndex = index;
    }

    /// <summary>Where the current array sits in a larger document, e.g. <c>routes4: </c>.</summary>
    public string Section { get; set; } = "";

    public JsonContext(string file, ReadOnlyMemory<byte> data, TableNames names, StringPool? pool = null)
    {
        File = file;
        Data = data;
        Names = names;
        Pool = pool ?? new StringPool();
    }

    public static JsonReaderOptions ReaderOptions => new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 };

    public InputException Error(long offset, string message)
    {
        var (line, col) = TextPosition.Of(Data.Span, offset);
        return InputException.At(File, line, col, What + message);
    }

    public InputException Error(ref Utf8JsonReader r, string message) => Error(r.TokenStartIndex, message);

    /// <summary>Turns a reader failure (malformed JSON, truncation) into one positioned line.</summary>
    public InputException Wrap(JsonException e)
    {
        string msg = e.Message;
        int cut = msg.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0) msg = msg[..cut];
        msg = msg.TrimEnd('.', ' ');
        int line = (int)(e.LineNumber ?? 0) + 1;
        int col = (int)(e.BytePositionInLine ?? 0) + 1;
        if (IsBlank(Data.Span))
            return new InputException($"{File}: empty input (expected JSON)", e);
        // The reader quotes the offending text, which may be long or span lines.
        int quote = msg.IndexOf('\'');
        int endQuote = quote >= 0 ? msg.IndexOf('\'', quote + 1) : -1;
        if (quote >= 0 && endQuote > quote + 41)
            msg = msg[..(quote + 1)] + msg[(quote + 1)..(quote + 41)] + "…" + msg[endQuote..];
        var end = End();
        bool atLast = line == end.Line && col >= end.Column - 1;
        if (msg.Contains("end of data", StringComparison.Ordinal) || msg.Contains("depth to be zero", StringComparison.Ordinal)
            || (atLast && msg.Contains("invalid end", StringComparison.Ordinal)))
        {
            (line, col) = end;
            msg = "unexpected end of input (truncated?)";
        }
        return new InputException($"{File}:{line}:{col}: invalid JSON: {InputException.OneLine(msg)}", e);
    }

    /// <summary>Rejects bytes that are not UTF-8 (the reader would fail later, deep in a string).</summary>
    public void RequireUtf8()
    {
        var d = Data.Span;
        if (System.Text.Unicode.Utf8.IsValid(d)) return;
        int i = 0;
        while (i < d.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(d[i..], out _, out int n) != System.Buffers.OperationStatus.Done)
                throw Error(i, "not UTF-8 text");
            i += n;
        }
    }

    public static bool IsBlank(ReadOnlySpan<byte> data)
    {
        foreach (byte b in data)
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r'))
                return false;
        return true;
    }

    /// <summary>Line and column just after the last non-blank character.</summary>
    private (int Line, int Column) End()
    {
        var d = Data.Span;
        int end = d.Length;
        while (end > 0 && d[end - 1] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r') end--;
        return TextPosition.Of(d, end);
    }

    public static string TokenName(JsonTokenType t) => t switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => t.ToString(),
    };

    public void Read(ref Utf8JsonReader r)
    {
        if (!r.Read())
            throw Error(r.BytesConsumed, "unexpected end of input");
    }

    public void Expect(ref Utf8JsonReader r, JsonTokenType type, string what)
    {
        if (r.TokenType != type)
            throw Error(ref r, $"expected {TokenName(type)} for {what}, found {TokenName(r.TokenType)}");
    }

    public void Skip(ref Utf8JsonReader r)
    {
        if (!r.TrySkip())
            throw Error(r.BytesConsumed, "unexpected end of input");
    }

    private readonly char[] _chars = new char[256];

    /// <summary>The current string token as chars (unescaped), in a buffer reused by the next call.</summary>
    public ReadOnlySpan<char> Chars(ref Utf8JsonReader r, string what)
    {
        Span<char> buffer = _chars;
        if (r.TokenType != JsonTokenType.String)
            throw Error(ref r, $"expected a string for {what}, found {TokenName(r.TokenType)}");
        if (!r.ValueIsEscaped && !r.HasValueSequence && r.ValueSpan.Length <= buffer.Length)
        {
            int n = Encoding.UTF8.GetChars(r.ValueSpan, buffer);
            return buffer[..n];
        }
        return r.GetString().AsSpan();
    }

    public string String(ref Utf8JsonReader r, string what)
    {
        if (r.TokenType != JsonTokenType.String)
            throw Error(ref r, $"expected a string for {what}, found {TokenName(r.TokenType)}");
        if (!r.ValueIsEscaped && !r.HasValueSequence)
            return Pool.Get(r.ValueSpan);
        return Pool.Get(r.GetString().AsSpan());
    }

    public uint UInt32(ref Utf8JsonReader r, string what)
    {
        if (r.TokenType != JsonTokenType.Number || !r.TryGetUInt32(out uint v))
            throw Error(ref r, $"expected a number from 0 to 4294967295 for {what}");
        return v;
    }

    public int Int32(ref Utf8JsonReader r, string what)
    {
        if (r.TokenType != JsonTokenType.Number || !r.TryGetInt32(out int v))
            throw Error(ref r, $"expected an integer for {what}");
        return v;
    }

    public ulong UInt64(ref Utf8JsonReader r, string what)
    {
        if (r.TokenType != JsonTokenType.Number || !r.TryGetUInt64(out ulong v))
            throw Error(ref r, $"expected a number for {what}");
        return v;
    }

    public bool Bool(ref Utf8JsonReader r, string what)
    {
        if (r.TokenType == JsonTokenType.True) return true;
        if (r.TokenType == JsonTokenType.False) return false;
        throw Error(ref r, $"expected a boolean for {what}");
    }

    /// <summary>An address whose text repeats (gateway, prefsrc): pooled.</summary>
    public IPAddress Address(ref Utf8JsonReader r, string what)
    {
        var text = Chars(ref r, what);
        return Pool.Address(text) ?? throw Error(ref r, $"invalid address '{Shorten(text)}' for {what}");
    }

    public IpPrefix Prefix(ref Utf8JsonReader r, string what)
    {
        var text = Chars(ref r, what);
        return AddressText.ParsePrefix(text) ?? throw Error(ref r, $"invalid prefix '{Shorten(text)}' for {what}");
    }

    public static string Shorten(ReadOnlySpan<char> text) => text.Length <= 40 ? text.ToString() : text[..40].ToString() + "…";

    private Dictionary<string, uint>? _tables;

    public uint Table(ref Utf8JsonReader r)
    {
        var text = Chars(ref r, "table");
        _tables ??= new Dictionary<string, uint>(StringComparer.Ordinal);
        var lookup = _tables.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(text, out uint id))
            return id;
        string s = text.ToString();
        if (!Names.TryResolve(s, out id))
            throw Error(ref r, $"unknown table '{Shorten(text)}' (neither a number nor a name from rt_tables)");
        _tables[s] = id;
        return id;
    }
}
