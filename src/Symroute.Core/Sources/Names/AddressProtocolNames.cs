using System.Globalization;

namespace Symroute.Sources;

/// <summary>Address protocol names (IFA_PROTO, rt_addrprotos; printed by iproute2 ≥ 6.3 only).</summary>
public static class AddressProtocolNames
{
    private static readonly NameTable Table = new(256, (0, "unspec"), (1, "kernel_lo"), (2, "kernel_ra"), (3, "kernel_ll"));

    public static string Format(byte protocol) => Table.NameOf(protocol) ?? protocol.ToString(CultureInfo.InvariantCulture);

    public static bool TryParse(ReadOnlySpan<char> text, out byte protocol)
    {
        bool ok = Table.TryParse(text, out int v);
        protocol = (byte)v;
        return ok;
    }
}
