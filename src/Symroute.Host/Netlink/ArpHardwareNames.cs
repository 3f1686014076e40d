using System.Globalization;

namespace Symroute.Host.Netlink;

/// <summary>Link types (ARPHRD_*) named as iproute2's ll_type_n2a (lib/ll_types.c) names them; others print as <c>[N]</c>.</summary>
internal static class ArpHardwareNames
{
    public const ushort ARPHRD_ETHER = 1;
    public const ushort ARPHRD_TUNNEL = 768;
    public const ushort ARPHRD_TUNNEL6 = 769;
    public const ushort ARPHRD_LOOPBACK = 772;
    public const ushort ARPHRD_SIT = 776;
    public const ushort ARPHRD_IPGRE = 778;
    public const ushort ARPHRD_IP6GRE = 823;

    private static readonly Dictionary<ushort, string> Names = new()
    {
        [0] = "netrom", [1] = "ether", [2] = "eether", [3] = "ax25", [4] = "pronet", [5] = "chaos",
        [6] = "ieee802", [7] = "arcnet", [8] = "atalk", [15] = "dlci", [19] = "atm", [23] = "metricom",
        [24] = "ieee1394", [32] = "infiniband", [256] = "slip", [257] = "cslip", [258] = "slip6",
        [259] = "cslip6", [260] = "rsrvd", [264] = "adapt", [270] = "rose", [271] = "x25", [272] = "hwx25",
        [280] = "can", [512] = "ppp", [513] = "hdlc", [516] = "lapb", [517] = "ddcmp", [518] = "rawhdlc",
        [768] = "ipip", [769] = "tunnel6", [770] = "frad", [771] = "skip", [772] = "loopback",
        [773] = "ltalk", [774] = "fddi", [775] = "bif", [776] = "sit", [777] = "ip/ddp", [778] = "gre",
        [779] = "pimreg", [780] = "hippi", [781] = "ash", [782] = "econet", [783] = "irda", [784] = "fcpp",
        [785] = "fcal", [786] = "fcpl", [787] = "fcfb0", [788] = "fcfb1", [789] = "fcfb2", [790] = "fcfb3",
        [791] = "fcfb4", [792] = "fcfb5", [793] = "fcfb6", [794] = "fcfb7", [795] = "fcfb8", [796] = "fcfb9",
        [797] = "fcfb10", [798] = "fcfb11", [799] = "fcfb12", [800] = "tr", [801] = "ieee802.11",
        [802] = "ieee802.11/prism", [803] = "ieee802.11/radiotap", [804] = "ieee802.15.4",
        [805] = "ieee802.15.4/monitor", [820] = "phonet", [821] = "phonet_pipe", [822] = "caif",
        [823] = "gre6", [824] = "netlink", [825] = "6lowpan", [0xFFFE] = "none", [0xFFFF] = "void",
    };

    public static string Name(ushort type) =>
        Names.TryGetValue(type, out var n) ? n : "[" + type.ToString(CultureInfo.InvariantCulture) + "]";
}
