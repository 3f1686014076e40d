namespace Symroute.Host.Netlink.Wire;

#pragma warning disable CA1707

/// <summary>Constants of include/uapi/linux/fib_rules.h (FRA_DSCP and later from kernels newer than the 6.1 headers).</summary>
internal static class FibRules
{
    public const uint FIB_RULE_PERMANENT = 0x00000001;
    public const uint FIB_RULE_INVERT = 0x00000002;
    public const uint FIB_RULE_UNRESOLVED = 0x00000004;
    public const uint FIB_RULE_IIF_DETACHED = 0x00000008;
    public const uint FIB_RULE_OIF_DETACHED = 0x00000010;

    public const ushort FRA_UNSPEC = 0;
    public const ushort FRA_DST = 1;
    public const ushort FRA_SRC = 2;
    public const ushort FRA_IIFNAME = 3;
    public const ushort FRA_GOTO = 4;
    public const ushort FRA_PRIORITY = 6;
    public const ushort FRA_FWMARK = 10;
    public const ushort FRA_FLOW = 11;
    public const ushort FRA_TUN_ID = 12;
    public const ushort FRA_SUPPRESS_IFGROUP = 13;
    public const ushort FRA_SUPPRESS_PREFIXLEN = 14;
    public const ushort FRA_TABLE = 15;
    public const ushort FRA_FWMASK = 16;
    public const ushort FRA_OIFNAME = 17;
    public const ushort FRA_PAD = 18;
    public const ushort FRA_L3MDEV = 19;
    public const ushort FRA_UID_RANGE = 20;
    public const ushort FRA_PROTOCOL = 21;
    public const ushort FRA_IP_PROTO = 22;
    public const ushort FRA_SPORT_RANGE = 23;
    public const ushort FRA_DPORT_RANGE = 24;
    public const ushort FRA_DSCP = 25;
    public const ushort FRA_FLOWLABEL = 26;
    public const ushort FRA_FLOWLABEL_MASK = 27;
    public const ushort FRA_SPORT_MASK = 28;
    public const ushort FRA_DPORT_MASK = 29;
    public const ushort FRA_DSCP_MASK = 30;

    public const byte FR_ACT_UNSPEC = 0;
    public const byte FR_ACT_TO_TBL = 1;
    public const byte FR_ACT_GOTO = 2;
    public const byte FR_ACT_NOP = 3;
    public const byte FR_ACT_BLACKHOLE = 6;
    public const byte FR_ACT_UNREACHABLE = 7;
    public const byte FR_ACT_PROHIBIT = 8;
}
