namespace Symroute.Simulation;

/// <summary>
/// __ipv6_addr_type classification and scopes (net/ipv6/addrconf_core.c), and the default address
/// label table (net/ipv6/addrlabel.c), as IPv6 source selection uses them.
/// </summary>
internal static class Ipv6AddressType
{
    [Flags]
    public enum Kind
    {
        Any = 0,
        Unicast = 1,
        Multicast = 2,
        Loopback = 0x10,
        LinkLocal = 0x20,
        SiteLocal = 0x40,
        Compatv4 = 0x80,
        Mapped = 0x1000,
    }

    public const int ScopeInvalid = -1;
    public const int ScopeNodeLocal = 0x1;
    public const int ScopeLinkLocal = 0x2;
    public const int ScopeSiteLocal = 0x5;
    public const int ScopeGlobal = 0xe;

    private static uint Word(UInt128 a, int i) => (uint)(a >> (96 - 32 * i));

    public static Kind Of(UInt128 a)
    {
        uint st = Word(a, 0);
        if ((st & 0xff000000u) == 0xff000000u)
            return Kind.Multicast;
        if ((st & 0xffc00000u) == 0xfe800000u)
            return Kind.LinkLocal | Kind.Unicast;
        if ((st & 0xffc00000u) == 0xfec00000u)
            return Kind.SiteLocal | Kind.Unicast;
        if ((Word(a, 0) | Word(a, 1)) == 0)
        {
            if (Word(a, 2) == 0)
            {
                if (Word(a, 3) == 0)
                    return Kind.Any;
                if (Word(a, 3) == 1)
                    return Kind.Loopback | Kind.Unicast;
                return Kind.Compatv4 | Kind.Unicast;
            }
            if (Word(a, 2) == 0x0000ffffu)
                return Kind.Mapped;
        }
        return Kind.Unicast;
    }

    /// <summary>__ipv6_addr_src_scope: -1 for ::, the multicast scope nibble, link for fe80::/10 and ::1, site for fec0::/10, else global.</summary>
    public static int SourceScope(UInt128 a)
    {
        var k = Of(a);
        if (k == Kind.Any)
            return ScopeInvalid;
        if ((k & Kind.Multicast) != 0)
            return (int)((Word(a, 0) >> 16) & 0x0f);
        if ((k & (Kind.LinkLocal | Kind.Loopback)) != 0)
            return ScopeLinkLocal;
        if ((k & Kind.SiteLocal) != 0)
            return ScopeSiteLocal;
        return ScopeGlobal;
    }

    /// <summary>Link-local, multicast or loopback destinations make the lookup interface-strict (rt6_need_strict).</summary>
    public static bool NeedStrict(UInt128 a) => (Of(a) & (Kind.Multicast | Kind.LinkLocal | Kind.Loopback)) != 0;

    public static bool IsOrchid(UInt128 a) => (Word(a, 0) & 0xfffffff0u) == 0x20010010u;

    // ip6addrlbl_init_table, longest prefix first (masks precomputed: source selection labels
    // every candidate and the destination of every query).
    private static readonly (UInt128 Prefix, UInt128 Mask, int Label)[] Labels =
    [
        (UInt128.One, AddressBits.Mask6(128), 0),
        ((UInt128)0xffff << 32, AddressBits.Mask6(96), 4),
        (UInt128.Zero, AddressBits.Mask6(96), 3),
        ((UInt128)0x20010010u << 96, AddressBits.Mask6(28), 7),
        ((UInt128)0x20010000u << 96, AddressBits.Mask6(32), 6),
        ((UInt128)0x20020000u << 96, AddressBits.Mask6(16), 2),
        ((UInt128)0x3ffe0000u << 96, AddressBits.Mask6(16), 12),
        ((UInt128)0xfec00000u << 96, AddressBits.Mask6(10), 11),
        ((UInt128)0xfc000000u << 96, AddressBits.Mask6(7), 5),
        (UInt128.Zero, UInt128.Zero, 1),
    ];

    /// <summary>ipv6_addr_label with the default policy table (ip addrlabel is not modelled).</summary>
    public static int Label(UInt128 a)
    {
        foreach (var (prefix, mask, label) in Labels)
            if (((a ^ prefix) & mask) == 0)
                return label;
        return 1;
    }
}
