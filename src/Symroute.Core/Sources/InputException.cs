namespace Symroute.Sources;

/// <summary>
/// Input symroute cannot use: a malformed file, an unknown device, a bad argument. The message
/// is one line naming what was wrong and where (<c>FILE:LINE:COL: …</c>); the CLI prints it
/// and exits with the command's documented status (3 for unreadable state). Never a bug.
/// </summary>
public sealed class InputException : Exception
{
    public InputException(string message) : base(message) { }

    public InputException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Builds the message with a position: <c>file:line:column: message</c>.</summary>
    public static InputException At(string file, int? line, int? column, string message)
    {
        string where = file;
        if (line is not null) where += $":{line}";
        if (line is not null && column is not null) where += $":{column}";
        return new InputException($"{where}: {OneLine(message)}");
    }

    /// <summary>
    /// A message made safe for one stderr line: control characters (an echoed newline of bad
    /// input) become escapes, and very long echoes are cut.
    /// </summary>
    public static string OneLine(string message, int max = 300)
    {
        var sb = new System.Text.StringBuilder(Math.Min(message.Length, max + 1));
        foreach (char c in message)
        {
            if (sb.Length >= max) { sb.Append('…'); break; }
            if (c == '\n') sb.Append("\\n");
            else if (c == '\r') sb.Append("\\r");
            else if (c == '\t') sb.Append("\\t");
            else if (char.IsControl(c)) sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
