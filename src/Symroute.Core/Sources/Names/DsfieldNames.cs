using System.Globalization;

namespace Symroute.Sources;

/// <summary>
/// TOS / DS field names (rt_dsfield, Debian's iproute2 6.1 file): <c>tos EF</c>; unnamed values
/// print as <c>0x%02x</c>. DSCP values (<c>dscp</c>, newer iproute2) use the same names shifted by two.
/// </summary>
public static class DsfieldNames
{
    private static readonly NameTable Table = new(256,
        (0x00, "default"), (0x28, "AF11"), (0x30, "AF12"), (0x38, "AF13"), (0x48, "AF21"), (0x50, "AF22"),
        (0x58, "AF23"), (0x68, "AF31"), (0x70, "AF32"), (0x78, "AF33"), (0x88, "AF41"), (0x90, "AF42"),
        (0x98, "AF43"), (0x20, "CS1"), (0x40, "CS2"), (0x60, "CS3"), (0x80, "CS4"), (0xA0, "CS5"),
        (0xC0, "CS6"), (0xE0, "CS7"), (0xB8, "EF"));

    /// <summary>rtnl_dsfield_n2a.</summary>
    public static string Format(byte dsfield) =>
        Table.NameOf(dsfield) ?? "0x" + dsfield.ToString("x2", CultureInfo.InvariantCulture);

    /// <summary>rtnl_dsfield_a2n: a name, or a number (hex with 0x, or decimal).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out byte dsfield)
    {
        bool ok = Table.TryParse(text, out int v);
        dsfield = (byte)v;
        return ok;
    }

    /// <summary>DSCP (6 bits) as newer iproute2 prints it: the dsfield name of DSCP&lt;&lt;2, else decimal.</summary>
    public static string FormatDscp(byte dscp) =>
        (dscp < 64 ? Table.NameOf(dscp << 2) : null) ?? dscp.ToString(CultureInfo.InvariantCulture);

    public static bool TryParseDscp(ReadOnlySpan<char> text, out byte dscp)
    {
        if (Table.TryGetValue(text, out int v) && (v & 3) == 0)
        {
            dscp = (byte)(v >> 2);
            return true;
        }
        if (NumberText.TryParseUInt32(text, out uint n) && n < 64)
        {
            dscp = (byte)n;
            return true;
        }
        dscp = 0;
        return false;
    }
}
