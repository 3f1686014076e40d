using System.Globalization;
using System.Text.RegularExpressions;

namespace Symroute.Tests.Differential;

/// <summary>
/// Maps the stderr of <c>ip -force -batch -</c> back to input lines: every message printed before
/// <c>Command failed -:N</c> (and after the previous one) belongs to line N.
/// </summary>
public static partial class BatchErrors
{
    [GeneratedRegex(@"^Command failed -:(\d+)$")]
    private static partial Regex CommandFailed();

    public static Dictionary<int, string> Parse(string stderr)
    {
        var result = new Dictionary<int, string>();
        var pending = new List<string>();
        foreach (var raw in stderr.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (line.Length == 0) continue;
            var m = CommandFailed().Match(line);
            if (m.Success)
            {
                int n = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                result[n] = pending.Count == 0 ? "(no message)" : string.Join("; ", pending);
                pending.Clear();
            }
            else pending.Add(line);
        }
        return result;
    }

    /// <summary>The message <c>ip</c> prints for a failed <c>route get</c>, without the <c>RTNETLINK answers: </c> prefix.</summary>
    public static string ErrorMessage(string message)
    {
        const string prefix = "RTNETLINK answers: ";
        foreach (var part in message.Split("; "))
            if (part.StartsWith(prefix, StringComparison.Ordinal))
                return part[prefix.Length..];
        return message;
    }
}
