using System.Text.Json;
using Symroute.Model;

namespace Symroute.Sources;

/// <summary>Address flag names in print_ifa_flags' order (iproute2 ip/ipaddress.c, ifa_flag_data).</summary>
public static class AddressFlagNames
{
    /// <summary>Flags printed by name, in order. Permanent is printed inverted (<c>dynamic</c>) and
    /// Secondary as <c>temporary</c> for IPv6.</summary>
    public static ReadOnlySpan<AddressFlags> Order =>
    [
        AddressFlags.Secondary, AddressFlags.NoDad, AddressFlags.Optimistic, AddressFlags.DadFailed,
        AddressFlags.HomeAddress, AddressFlags.Deprecated, AddressFlags.Tentative, AddressFlags.Permanent,
        AddressFlags.ManageTempAddr, AddressFlags.NoPrefixRoute, AddressFlags.McAutoJoin, AddressFlags.StablePrivacy,
    ];

    /// <summary>The name printed for a set flag (Permanent has none: its absence prints <c>dynamic</c>).</summary>
    public static string Name(AddressFlags flag, Family family) => flag switch
    {
        AddressFlags.Secondary => family == Family.Inet6 ? "temporary" : "secondary",
        AddressFlags.NoDad => "nodad",
        AddressFlags.Optimistic => "optimistic",
        AddressFlags.DadFailed => "dadfailed",
        AddressFlags.HomeAddress => "home",
        AddressFlags.Deprecated => "deprecated",
        AddressFlags.Tentative => "tentative",
        AddressFlags.ManageTempAddr => "mngtmpaddr",
        AddressFlags.NoPrefixRoute => "noprefixroute",
        AddressFlags.McAutoJoin => "autojoin",
        AddressFlags.StablePrivacy => "stable-privacy",
        _ => throw new ArgumentOutOfRangeException(nameof(flag)),
    };

    /// <summary>The flag a text word names (<c>secondary</c>, <c>temporary</c>, …), or None.</summary>
    public static AddressFlags Parse(ReadOnlySpan<char> word) => word switch
    {
        "secondary" or "temporary" => AddressFlags.Secondary,
        "nodad" => AddressFlags.NoDad,
        "optimistic" => AddressFlags.Optimistic,
        "dadfailed" => AddressFlags.DadFailed,
        "home" => AddressFlags.HomeAddress,
        "deprecated" => AddressFlags.Deprecated,
        "tentative" => AddressFlags.Tentative,
        "mngtmpaddr" => AddressFlags.ManageTempAddr,
        "noprefixroute" => AddressFlags.NoPrefixRoute,
        "autojoin" => AddressFlags.McAutoJoin,
        "stable-privacy" => AddressFlags.StablePrivacy,
        _ => AddressFlags.None,
    };

    internal static AddressFlags FromJsonKey(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.PropertyName || r.ValueIsEscaped || r.HasValueSequence || r.ValueSpan.Length > 20)
            return AddressFlags.None;
        Span<char> buf = stackalloc char[20];
        int n = System.Text.Encoding.UTF8.GetChars(r.ValueSpan, buf);
        return Parse(buf[..n]);
    }
}
