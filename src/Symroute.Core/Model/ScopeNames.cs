using System.Globalization;

namespace Symroute.Model;

/// <summary>Scope names from iproute2's <c>rt_scopes</c>.</summary>
public static class ScopeNames
{
    public static string Format(Scope scope) => scope switch
    {
        Scope.Global => "global",
        Scope.Site => "site",
        Scope.Link => "link",
        Scope.Host => "host",
        Scope.Nowhere => "nowhere",
        _ => ((byte)scope).ToString(CultureInfo.InvariantCulture),
    };
}
