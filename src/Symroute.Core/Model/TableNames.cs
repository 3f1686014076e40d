using System.Collections.Immutable;
using System.Globalization;

namespace Symroute.Model;

/// <summary>Routing table names from <c>rt_tables</c> and <c>rt_tables.d/*.conf</c>.</summary>
public sealed record TableNames(ImmutableSortedDictionary<uint, string> Names)
{
    /// <summary>The names iproute2 knows without any file.</summary>
    public static TableNames Builtin { get; } = new(ImmutableSortedDictionary.CreateRange(new Dictionary<uint, string>
    {
        [RouteTableId.Unspec] = "unspec",
        [RouteTableId.Default] = "default",
        [RouteTableId.Main] = "main",
        [RouteTableId.Local] = "local",
    }));

    /// <summary>The name iproute2 prints: the configured name, else the number.</summary>
    public string Format(uint id) => Names.TryGetValue(id, out var n) ? n : id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Resolves a name or number as <c>ip route … table T</c> does.</summary>
    public bool TryResolve(string text, out uint id)
    {
        foreach (var (k, v) in Names)
            if (v == text) { id = k; return true; }
        return uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id);
    }
}
