using System.Net;
using Symroute.Model;

namespace Symroute.Sources;

/// <summary>Error building and token helpers shared by the <c>ip</c> text line parsers.</summary>
internal sealed class TextContext
{
    public string File { get; }
    public TableNames Names { get; }
    public StringPool Pool { get; } = new();

    public TextContext(string file, TableNames names)
    {
        File = file;
        Names = names;
    }

    public InputException Error(TextLine line, int column, string message) =>
        InputException.At(File, line.Number, column, message);

    public InputException Error(TextLine line, TextToken token, string message) =>
        InputException.At(File, line.Number, token.Column, message);

    public InputException Unexpected(TextLine line, TextToken token, string where) =>
        Error(line, token, $"unexpected token '{Shorten(token.Text)}' in {where}");

    public static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";

    /// <summary>The token after <paramref name="i"/>, advancing; an error naming the keyword when the line ends.</summary>
    public TextToken Next(TextLine line, IReadOnlyList<TextToken> t, ref int i, string where)
    {
        if (i + 1 >= t.Count)
        {
            var last = t[i];
            throw Error(line, last.Column + last.Text.Length, $"'{last.Text}' without a value at the end of the {where}");
        }
        return t[++i];
    }

    public IPAddress Address(TextLine line, TextToken tok, string what)
    {
        var a = AddressText.Parse(tok.Text);
        if (a is null) throw Error(line, tok, $"invalid address '{Shorten(tok.Text)}' for {what}");
        return a;
    }

    public IpPrefix Prefix(TextLine line, TextToken tok, string what)
    {
        var p = AddressText.ParsePrefix(tok.Text);
        if (p is null) throw Error(line, tok, $"invalid prefix '{Shorten(tok.Text)}' for {what}");
        return p.Value;
    }

    public uint UInt(TextLine line, TextToken tok, string what)
    {
        if (!NumberText.TryParseUInt32(tok.Text, out uint v)) throw Error(line, tok, $"invalid {what} '{Shorten(tok.Text)}'");
        return v;
    }

    public uint Table(TextLine line, TextToken tok)
    {
        if (!Names.TryResolve(tok.Text, out uint id))
            throw Error(line, tok, $"unknown table '{Shorten(tok.Text)}' (neither a number nor a name from rt_tables)");
        return id;
    }

    public string Name(string s) => Pool.Get(s.AsSpan());
}
