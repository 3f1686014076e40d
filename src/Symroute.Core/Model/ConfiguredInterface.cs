using System.Collections.Immutable;

namespace Symroute.Model;

/// <summary>What one backend declares for one interface.</summary>
/// <param name="Name">Interface name; for networkd a space-separated list of shell globs (<c>[Match] Name=</c>).</param>
/// <param name="Origin">The file that declares it.</param>
/// <param name="Dhcp">The interface takes an address by DHCP (or SLAAC), so routes with proto dhcp/ra come from it.</param>
public sealed record ConfiguredInterface(
    string Name,
    NetworkBackend Backend,
    string Origin,
    bool Dhcp,
    ImmutableArray<ConfiguredRoute> Routes,
    ImmutableArray<ConfiguredRule> Rules)
{
    /// <summary>Whether this declaration applies to <paramref name="dev"/> (networkd globs included).</summary>
    public bool Matches(string dev) => Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(p => Glob(p, dev));

    private static bool Glob(string pattern, string s)
    {
        // fnmatch(3) subset: * ? and [...] classes, as networkd's [Match] Name= uses.
        int p = 0, i = 0, star = -1, mark = 0;
        while (i < s.Length)
        {
            if (p < pattern.Length && pattern[p] == '[')
            {
                int close = pattern.IndexOf(']', p + 1);
                if (close > p && pattern[(p + 1)..close].Contains(s[i])) { p = close + 1; i++; continue; }
            }
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == s[i])) { p++; i++; continue; }
            if (p < pattern.Length && pattern[p] == '*') { star = p++; mark = i; continue; }
            if (star >= 0) { p = star + 1; i = ++mark; continue; }
            return false;
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }
}
