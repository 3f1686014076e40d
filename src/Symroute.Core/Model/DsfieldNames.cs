using System.Globalization;

namespace Symroute.Model;

/// <summary>DS field names from iproute2's <c>rt_dsfield</c> (Debian iproute2 6.1), as <c>tos</c> prints and accepts them.</summary>
public static class DsfieldNames
{
    private static readonly (byte Value, string Name)[] Names =
    [
        (0x00, "default"),
        (0x28, "AF11"), (0x30, "AF12"), (0x38, "AF13"), (0x48, "AF21"), (0x50, "AF22"), (0x58, "AF23"),
        (0x68, "AF31"), (0x70, "AF32"), (0x78, "AF33"), (0x88, "AF41"), (0x90, "AF42"), (0x98, "AF43"),
        (0x20, "CS1"), (0x40, "CS2"), (0x60, "CS3"), (0x80, "CS4"), (0xa0, "CS5"), (0xc0, "CS6"), (0xe0, "CS7"),
        (0xb8, "EF"),
    ];

    /// <summary>rtnl_dsfield_n2a: the name, else <c>0x%02x</c>.</summary>
    public static string Format(byte value)
    {
        foreach (var (v, name) in Names)
            if (v == value) return name;
        return "0x" + value.ToString("x2", CultureInfo.InvariantCulture);
    }

    /// <summary>rtnl_dsfield_a2n: a name, else a number read as hexadecimal (with or without 0x), at most 255.</summary>
    public static bool TryParse(string text, out byte value)
    {
        foreach (var (v, name) in Names)
            if (name == text) { value = v; return true; }
        var span = text.AsSpan();
        if (span.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            span = span[2..];
        if (span.Length > 0 && uint.TryParse(span, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint v2) && v2 <= 255)
        {
            value = (byte)v2;
            return true;
        }
        value = 0;
        return false;
    }
}
