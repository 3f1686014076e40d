namespace Symroute.Sources;

/// <summary>
/// One logical line of pasted <c>ip</c> output: a physical line, or a piece of one that
/// <c>ip -o</c> joined with backslashes. Knows its file position for error messages.
/// </summary>
internal sealed class TextLine
{
    public string Text { get; }
    public int Number { get; }
    /// <summary>Column (1-based) of <see cref="Text"/>'s first character in the physical line.</summary>
    public int StartColumn { get; }

    private List<TextToken>? _tokens;

    public TextLine(string text, int number, int startColumn)
    {
        Text = text;
        Number = number;
        StartColumn = startColumn;
    }

    public bool IsBlank => string.IsNullOrWhiteSpace(Text);

    public bool IsIndented => Text.Length > 0 && char.IsWhiteSpace(Text[0]);

    public IReadOnlyList<TextToken> Tokens
    {
        get
        {
            if (_tokens is not null) return _tokens;
            var t = new List<TextToken>();
            int i = 0;
            while (i < Text.Length)
            {
                while (i < Text.Length && char.IsWhiteSpace(Text[i])) i++;
                int s = i;
                while (i < Text.Length && !char.IsWhiteSpace(Text[i])) i++;
                if (i > s) t.Add(new TextToken(Text[s..i], StartColumn + s));
            }
            return _tokens = t;
        }
    }

    /// <summary>Splits text into logical lines: by newline, then at the backslashes of <c>ip -o</c>.</summary>
    public static List<TextLine> Split(string text)
    {
        var lines = new List<TextLine>();
        int number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            string line = raw.EndsWith('\r') ? raw[..^1] : raw;
            int start = 0;
            while (true)
            {
                int bs = line.IndexOf('\\', start);
                if (bs < 0)
                {
                    lines.Add(new TextLine(line[start..], number, start + 1));
                    break;
                }
                lines.Add(new TextLine(line[start..bs], number, start + 1));
                start = bs + 1;
            }
        }
        return lines;
    }
}
