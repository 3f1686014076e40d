using System.Globalization;

namespace Symroute.Model;

/// <summary>Numbers as iproute2 reads them with strtoul(…, 0): decimal, <c>0x</c> hex, leading-zero octal.</summary>
public static class NumberText
{
    public static bool TryParseUInt(string text, out ulong value)
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
}
