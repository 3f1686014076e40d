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
        return new InputException($"{where}: {message}");
    }
}
