using System.Globalization;

namespace Symroute.Model;

/// <summary>Route and rule protocol names from iproute2's <c>rt_protos</c> (Debian iproute2 6.1).</summary>
public static class RouteProtocolNames
{
    private static readonly (byte Number, string Name)[] Names =
    [
        (0, "unspec"), (1, "redirect"), (2, "kernel"), (3, "boot"), (4, "static"), (8, "gated"), (9, "ra"), (10, "mrt"),
        (11, "zebra"), (12, "bird"), (13, "dnrouted"), (14, "xorp"), (15, "ntk"), (16, "dhcp"), (18, "keepalived"),
        (42, "babel"), (99, "openr"), (186, "bgp"), (187, "isis"), (188, "ospf"), (189, "rip"), (192, "eigrp"),
    ];

    /// <summary>rtnl_rtprot_n2a: the name, else the number.</summary>
    public static string Format(byte protocol)
    {
        foreach (var (n, name) in Names)
            if (n == protocol) return name;
        return protocol.ToString(CultureInfo.InvariantCulture);
    }

    public static bool TryParse(string text, out byte protocol)
    {
        foreach (var (n, name) in Names)
            if (name == text) { protocol = n; return true; }
        if (NumberText.TryParseUInt(text, out ulong v) && v <= 255)
        {
            protocol = (byte)v;
            return true;
        }
        protocol = 0;
        return false;
    }
}
