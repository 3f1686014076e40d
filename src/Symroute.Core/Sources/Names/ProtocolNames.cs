namespace Symroute.Sources;

/// <summary>
/// Route and rule protocol names (rt_protos): iproute2's built-in table plus Debian's
/// /etc/iproute2/rt_protos of iproute2 6.1. Unnamed values print as numbers.
/// </summary>
public static class ProtocolNames
{
    private static readonly NameTable Table = new(256,
        (0, "unspec"), (1, "redirect"), (2, "kernel"), (3, "boot"), (4, "static"), (8, "gated"),
        (9, "ra"), (10, "mrt"), (11, "zebra"), (12, "bird"), (13, "dnrouted"), (14, "xorp"),
        (15, "ntk"), (16, "dhcp"), (18, "keepalived"), (42, "babel"), (99, "openr"), (186, "bgp"),
        (187, "isis"), (188, "ospf"), (189, "rip"), (192, "eigrp"));

    public static string Format(byte protocol) => Table.Format(protocol);

    public static bool TryParse(ReadOnlySpan<char> text, out byte protocol)
    {
        bool ok = Table.TryParse(text, out int v);
        protocol = (byte)v;
        return ok;
    }
}
