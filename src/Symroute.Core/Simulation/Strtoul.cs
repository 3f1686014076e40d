using System.Globalization;

namespace Symroute.Simulation;

/// <summary>Numbers as iproute2's get_u32/get_unsigned read them (strtoul base 0): decimal, <c>0x</c> hex, leading-zero octal.</summary>
internal static class Strtoul
{
    public static bool TryParse(string text, out ulong value)
    {
        value = 0;
        if (string.IsNullOrEmpty(text))
            return false;
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            return text.Length > 2 && ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        if (text.Length > 1 && text[0] == '0')
        {
            foreach (char c in text)
            {
                if (c < '0' || c > '7') return false;
                if (value > (ulong.MaxValue >> 3)) return false;
                value = value * 8 + (ulong)(c - '0');
            }
            return true;
        }
        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>rtnl_dsfield_a2n: an rt_dsfield name, else a hexadecimal number (strtoul base 16) up to 255.</summary>
    public static bool TryParseDsfield(string text, out byte value)
    {
        // Names never start with a digit; DsfieldNames.TryParse also takes numbers, which here are hex.
        if (text.Length > 0 && !char.IsAsciiDigit(text[0]) && Sources.DsfieldNames.TryParse(text, out value))
            return true;
        var span = text.AsSpan();
        if (span.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            span = span[2..];
        if (span.Length > 0 && uint.TryParse(span, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint v) && v <= 255)
        {
            value = (byte)v;
            return true;
        }
        value = 0;
        return false;
    }
}
