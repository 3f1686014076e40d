namespace Symroute.Sources;

/// <summary>Turns a byte offset into a 1-based line and column (in characters) for error messages.</summary>
internal static class TextPosition
{
    public static (int Line, int Column) Of(ReadOnlySpan<byte> utf8, long offset)
    {
        if (offset > utf8.Length) offset = utf8.Length;
        if (offset < 0) offset = 0;
        int line = 1, column = 1;
        for (int i = 0; i < offset; i++)
        {
            byte b = utf8[i];
            if (b == (byte)'\n') { line++; column = 1; }
            else if ((b & 0xC0) != 0x80) column++;
        }
        return (line, column);
    }
}
