namespace Symroute.Model;

/// <summary>
/// A policy routing rule (RTM_NEWRULE), with every selector <c>ip rule</c> prints. Absent
/// selectors are null; the list order in <see cref="HostState.Rules"/> is the kernel's.
/// </summary>
/// <param name="Priority">FRA_PRIORITY (0 when absent, as iproute2 prints it).</param>
/// <param name="Not">FIB_RULE_INVERT: <c>not</c>.</param>
/// <param name="Tos">Legacy TOS selector (<c>tos</c>/<c>dsfield</c>).</param>
/// <param name="FwMark">FRA_FWMARK value.</param>
/// <param name="FwMask">FRA_FWMASK; null when the kernel reports none (then 0xffffffff for a non-zero mark).</param>
/// <param name="Iif">FRA_IIFNAME; the rule is <c>[detached]</c> when no such device exists.</param>
/// <param name="Oif">FRA_OIFNAME.</param>
/// <param name="IpProto">FRA_IP_PROTO.</param>
/// <param name="L3mdev">FRA_L3MDEV: <c>lookup [l3mdev-table]</c>.</param>
/// <param name="Table">Table for <see cref="RuleAction.Lookup"/>.</param>
/// <param name="Goto">Target priority for <see cref="RuleAction.Goto"/>.</param>
/// <param name="SuppressPrefixLength">FRA_SUPPRESS_PREFIXLEN; null when unset (the kernel's -1).</param>
/// <param name="SuppressIfGroup">FRA_SUPPRESS_IFGROUP; null when unset.</param>
/// <param name="Protocol">FRA_PROTOCOL: who added the rule (kernel for the defaults).</param>
/// <param name="Dscp">FRA_DSCP selector (newer kernels).</param>
/// <param name="Realms">FRA_FLOW: <c>realms FROM/TO</c>, FROM in the high 16 bits.</param>
/// <param name="IifDetached">FIB_RULE_IIF_DETACHED: the iif device does not exist (<c>[detached]</c>).</param>
/// <param name="OifDetached">FIB_RULE_OIF_DETACHED.</param>
/// <param name="Unresolved">FIB_RULE_UNRESOLVED: a goto whose target priority has no rule (<c>[unresolved]</c>).</param>
/// <remarks>
/// Conventions every source follows so that models compare equal: <see cref="Tos"/> is null when 0;
/// <see cref="Table"/> is null when 0 (not printed, e.g. l3mdev or non-lookup actions);
/// <see cref="FwMark"/>/<see cref="FwMask"/> are both set whenever the kernel reports either (mark
/// 0 when only a mask was given, mask 0xffffffff when only a mark was); <see cref="Protocol"/> is the
/// kernel's FRA_PROTOCOL: <c>ip</c> does not print 0 (unspec) or 2 (kernel), so the <c>ip</c>
/// parsers give 2 to the default rules (0 local, 32766 main, 32767 default, no selectors) and 0 to others.
/// </remarks>
public sealed record Rule(
    Family Family,
    uint Priority,
    RuleAction Action,
    uint? Table = null,
    bool Not = false,
    IpPrefix? From = null,
    IpPrefix? To = null,
    byte? Tos = null,
    uint? FwMark = null,
    uint? FwMask = null,
    string? Iif = null,
    string? Oif = null,
    UidRange? UidRange = null,
    byte? IpProto = null,
    PortRange? SPort = null,
    PortRange? DPort = null,
    ulong? TunId = null,
    bool L3mdev = false,
    uint? Goto = null,
    int? SuppressPrefixLength = null,
    int? SuppressIfGroup = null,
    byte? Protocol = null,
    byte? Dscp = null,
    uint? Realms = null,
    bool IifDetached = false,
    bool OifDetached = false,
    bool Unresolved = false);
