using Symroute.Model;

namespace Symroute.Sources;

/// <summary>Route type names (rtnl_rtntype_n2a): unicast, local, broadcast, …; others print as numbers.</summary>
public static class RouteTypeNames
{
    private static readonly NameTable Table = new(256,
        (0, "unspec"), (1, "unicast"), (2, "local"), (3, "broadcast"), (4, "anycast"), (5, "multicast"),
        (6, "blackhole"), (7, "unreachable"), (8, "prohibit"), (9, "throw"), (10, "nat"), (11, "xresolve"));

    public static string Format(RouteType type) => Table.Format((byte)type);

    /// <summary>Only the names (a bare number is a destination in route text, not a type).</summary>
    public static bool TryParseName(ReadOnlySpan<char> text, out RouteType type)
    {
        bool ok = Table.TryGetValue(text, out int v);
        type = (RouteType)v;
        return ok;
    }

    /// <summary>A name or a number, as JSON's <c>type</c> carries it.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out RouteType type)
    {
        bool ok = Table.TryParse(text, out int v);
        type = (RouteType)v;
        return ok && v <= (int)RouteType.XResolve;
    }
}
