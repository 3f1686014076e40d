using System.Net;
using System.Text;

namespace Symroute.Host.Netlink;

/// <summary>Hardware addresses formatted as iproute2's ll_addr_n2a (lib/ll_addr.c).</summary>
internal static class LinkLayerAddress
{
    public static string? Format(ReadOnlySpan<byte> addr, ushort type)
    {
        if (addr.Length == 0)
            return null;
        // Tunnels carry their IP endpoint as the "hardware" address.
        if (addr.Length == 4 && type is ArpHardwareNames.ARPHRD_TUNNEL or ArpHardwareNames.ARPHRD_SIT or ArpHardwareNames.ARPHRD_IPGRE)
            return new IPAddress(addr).ToString();
        if (addr.Length == 16 && type is ArpHardwareNames.ARPHRD_TUNNEL6 or ArpHardwareNames.ARPHRD_IP6GRE)
            return new IPAddress(addr).ToString();
        var sb = new StringBuilder(addr.Length * 3);
        for (int i = 0; i < addr.Length; i++)
        {
            if (i > 0) sb.Append(':');
            sb.Append(addr[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
