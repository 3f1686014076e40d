using System.Globalization;

namespace Symroute.Sources;

/// <summary>Device group names (/etc/iproute2/group): only <c>default</c> (0) is known; others print as numbers.</summary>
public static class GroupNames
{
    public static string Format(int group) => group == 0 ? "default" : group.ToString(CultureInfo.InvariantCulture);

    public static bool TryParse(ReadOnlySpan<char> text, out int group)
    {
        if (text is "default") { group = 0; return true; }
        if (NumberText.TryParseUInt32(text, out uint n))
        {
            group = unchecked((int)n);
            return true;
        }
        group = 0;
        return false;
    }
}
