using System.Globalization;

namespace Symroute.Sources;

/// <summary>Number syntax as iproute2 prints and reads it: decimal, or hex with a <c>0x</c> prefix.</summary>
internal static class NumberText
{
    public static bool TryParseUInt32(ReadOnlySpan<char> text, out uint value)
    {
        if (text.Length > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
            return uint.TryParse(text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        return uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryParseUInt64(ReadOnlySpan<char> text, out ulong value)
    {
        if (text.Length > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
            return ulong.TryParse(text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryParseDecimal(ReadOnlySpan<char> text, out uint value) =>
        uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    /// <summary>A 0x-prefixed hex number only (<c>fwmark 0x10</c>), or <c>0</c> (what <c>%#x</c> prints for zero).</summary>
    public static bool TryParseHex(ReadOnlySpan<char> text, out uint value)
    {
        if (text is "0") { value = 0; return true; }
        if (text.Length > 2 && text[0] == '0' && text[1] == 'x')
            return uint.TryParse(text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        value = 0;
        return false;
    }

    /// <summary><c>%#x</c>: <c>0x10</c>, but plain <c>0</c> for zero.</summary>
    public static string Hex(uint value) => value == 0 ? "0" : "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    public static string Dec(uint value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Dec(int value) => value.ToString(CultureInfo.InvariantCulture);
}
