namespace Symroute.Sources;

/// <summary>Realm names (rt_realms): only <c>cosmos</c> (0) is built in; others print as numbers.</summary>
public static class RealmNames
{
    private static readonly NameTable Table = new(65536, (0, "cosmos"));

    public static string Format(ushort realm) => Table.Format(realm);

    public static bool TryParse(ReadOnlySpan<char> text, out ushort realm)
    {
        bool ok = Table.TryParse(text, out int v);
        realm = (ushort)v;
        return ok;
    }
}
