using System.Globalization;

namespace Symroute.Model;

/// <summary>IP protocol numbers by the names iproute2 prints and accepts (<c>ipproto</c>).</summary>
public static class IpProtocols
{
    public const byte Icmp = 1;
    public const byte Igmp = 2;
    public const byte Tcp = 6;
    public const byte Udp = 17;
    public const byte Icmpv6 = 58;

    private static readonly (byte Number, string Name)[] Names =
    [
        (0, "ip"), (1, "icmp"), (2, "igmp"), (4, "ipip"), (6, "tcp"), (8, "egp"), (12, "pup"), (17, "udp"),
        (22, "idp"), (29, "tp"), (33, "dccp"), (41, "ipv6"), (46, "rsvp"), (47, "gre"), (50, "esp"), (51, "ah"),
        (58, "ipv6-icmp"), (92, "mtp"), (94, "beetph"), (98, "encap"), (103, "pim"), (108, "comp"), (115, "l2tp"),
        (132, "sctp"), (136, "udplite"), (137, "mpls"), (143, "ethernet"), (255, "raw"),
    ];

    /// <summary>The name <c>ip</c> prints for a protocol number, else the number.</summary>
    public static string Format(byte number)
    {
        foreach (var (n, name) in Names)
            if (n == number) return name;
        return number.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Accepts a name (also <c>icmpv6</c>) or a number as iproute2's get_u8 reads it (decimal, 0x hex, 0 octal).</summary>
    public static bool TryParse(string text, out byte number)
    {
        if (text == "icmpv6") { number = Icmpv6; return true; }
        foreach (var (n, name) in Names)
            if (name == text) { number = n; return true; }
        if (NumberText.TryParseUInt(text, out ulong v) && v <= 255)
        {
            number = (byte)v;
            return true;
        }
        number = 0;
        return false;
    }
}
