using Symroute.Model;

namespace Symroute.Sources;

/// <summary>Scope names (rt_scopes): global, site, link, host, nowhere; other values print as numbers.</summary>
public static class ScopeNames
{
    private static readonly NameTable Table = new(256,
        (0, "global"), (200, "site"), (253, "link"), (254, "host"), (255, "nowhere"));

    public static string Format(Scope scope) => Table.Format((byte)scope);

    public static bool TryParse(ReadOnlySpan<char> text, out Scope scope)
    {
        bool ok = Table.TryParse(text, out int v);
        scope = (Scope)v;
        return ok;
    }
}
