using System.Net;
using System.Net.Sockets;
using Symroute.Model;

namespace Symroute.Sources;

/// <summary>
/// Strict address syntax as iproute2 prints it: dotted-quad IPv4 (exactly four decimal parts) or
/// IPv6 (no zone). IPAddress.TryParse alone also accepts <c>10</c>, <c>0x1</c> and <c>1.2.3</c>.
/// </summary>
internal static class AddressText
{
    public static IPAddress? Parse(ReadOnlySpan<char> text)
    {
        if (text.Length == 0 || text.Length > 45)
            return null;
        if (text.Contains(':'))
        {
            if (text.Contains('%') || !IPAddress.TryParse(text, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
                return null;
            return v6;
        }
        // a.b.c.d with 1-3 decimal digits each, each <= 255
        Span<byte> bytes = stackalloc byte[4];
        int part = 0, digits = 0, value = 0;
        foreach (char c in text)
        {
            if (c == '.')
            {
                if (digits == 0 || part == 3) return null;
                bytes[part++] = (byte)value;
                digits = 0; value = 0;
            }
            else if (c is >= '0' and <= '9')
            {
                if (++digits > 3) return null;
                value = value * 10 + (c - '0');
                if (value > 255) return null;
            }
            else return null;
        }
        if (part != 3 || digits == 0) return null;
        bytes[3] = (byte)value;
        return new IPAddress(bytes);
    }

    public static Family FamilyOf(IPAddress a) => a.AddressFamily == AddressFamily.InterNetworkV6 ? Family.Inet6 : Family.Inet;

    /// <summary><c>ADDR</c> or <c>ADDR/LEN</c>; LEN defaults to the host length.</summary>
    public static IpPrefix? ParsePrefix(ReadOnlySpan<char> text)
    {
        int slash = text.IndexOf('/');
        var addr = Parse(slash < 0 ? text : text[..slash]);
        if (addr is null) return null;
        int max = addr.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32;
        int len = max;
        if (slash >= 0)
        {
            if (!NumberText.TryParseDecimal(text[(slash + 1)..], out uint l) || l > max || slash + 1 == text.Length)
                return null;
            len = (int)l;
        }
        return new IpPrefix(addr, len);
    }
}
