using System.Collections.Immutable;
using System.Net;
using Symroute.Host.Netlink.Wire;
using Symroute.Model;

namespace Symroute.Host.Netlink;

/// <summary>
/// Maps RTM_GETRULE dumps (IPv4, IPv6) to <see cref="Rule"/>s as <c>ip -json rule</c> shows them
/// (ip/iprule.c, print_rule; the kernel side is fib_nl_fill_rule in net/core/fib_rules.c).
/// </summary>
internal sealed class RuleDecoder : INetlinkMessageSink
{
    private readonly List<Rule> _rules = [];
    private int _dumpStart;

    public void BeginDump() => _dumpStart = _rules.Count;

    public void Reset() => _rules.RemoveRange(_dumpStart, _rules.Count - _dumpStart);

    public ImmutableArray<Rule> Build() => [.. _rules];

    public void OnMessage(NetlinkMessage msg)
    {
        if (msg.Type != Rtnetlink.RTM_NEWRULE || !msg.TryReadHeader(out FibRuleHdr frh))
            return;
        Family family;
        if (frh.Family == LinuxNetlink.AF_INET) family = Family.Inet;
        else if (frh.Family == LinuxNetlink.AF_INET6) family = Family.Inet6;
        else return;

        uint priority = 0, table = frh.Table;
        IPAddress? src = null, dst = null;
        uint? fwMark = null, fwMask = null, gotoTarget = null, realms = null;
        bool hasMark = false;
        string? iif = null, oif = null;
        UidRange? uidRange = null;
        byte? ipProto = null, protocol = null, dscp = null;
        PortRange? sport = null, dport = null;
        ulong? tunId = null;
        bool l3mdev = false;
        int? suppressPrefixLength = null, suppressIfGroup = null;

        var attrs = msg.Attributes(12);
        while (attrs.TryRead(out var a))
        {
            switch (a.Type)
            {
                case FibRules.FRA_PRIORITY: priority = a.U32(); break;
                case FibRules.FRA_SRC: src = a.Address(); break;
                case FibRules.FRA_DST: dst = a.Address(); break;
                case FibRules.FRA_FWMARK: fwMark = a.U32(); hasMark = true; break;
                case FibRules.FRA_FWMASK: fwMask = a.U32(); hasMark = true; break;
                case FibRules.FRA_IIFNAME: iif = a.String(); break;
                case FibRules.FRA_OIFNAME: oif = a.String(); break;
                case FibRules.FRA_L3MDEV: l3mdev = a.U8() != 0; break;
                case FibRules.FRA_UID_RANGE:
                    if (a.Payload.Length >= 8)
                        uidRange = new UidRange(a.U32(), System.Runtime.InteropServices.MemoryMarshal.Read<uint>(a.Payload[4..]));
                    break;
                case FibRules.FRA_IP_PROTO: ipProto = a.U8(); break;
                case FibRules.FRA_SPORT_RANGE: sport = Ports(a); break;
                case FibRules.FRA_DPORT_RANGE: dport = Ports(a); break;
                case FibRules.FRA_TUN_ID: tunId = a.Be64(); break;
                case FibRules.FRA_TABLE: table = a.U32(); break;
                case FibRules.FRA_SUPPRESS_PREFIXLEN: suppressPrefixLength = a.I32(); break;
                case FibRules.FRA_SUPPRESS_IFGROUP: suppressIfGroup = a.I32(); break;
                case FibRules.FRA_GOTO: gotoTarget = a.U32(); break;
                case FibRules.FRA_FLOW: realms = a.U32(); break;
                case FibRules.FRA_PROTOCOL: protocol = a.U8(); break;
                case FibRules.FRA_DSCP: dscp = a.U8(); break;
            }
        }

        // print_rule shows suppressors only beside a table, and -1 means unset.
        if (table == 0 || suppressPrefixLength == -1) suppressPrefixLength = null;
        if (table == 0 || suppressIfGroup == -1) suppressIfGroup = null;
        // The model keeps mark and mask together whenever the kernel reports either (it sends both
        // when one is set, fib_nl_fill_rule); a lone mark means the implied mask 0xffffffff.
        if (hasMark)
        {
            fwMark ??= 0;
            fwMask ??= 0xFFFFFFFF;
        }

        _rules.Add(new Rule(
            Family: family,
            Priority: priority,
            Action: (RuleAction)frh.Action,
            Table: table == 0 ? null : table,
            Not: (frh.Flags & FibRules.FIB_RULE_INVERT) != 0,
            From: src is not null || frh.SrcLen != 0 ? Prefix(family, src, frh.SrcLen) : null,
            To: dst is not null || frh.DstLen != 0 ? Prefix(family, dst, frh.DstLen) : null,
            Tos: frh.Tos != 0 ? frh.Tos : null,
            FwMark: fwMark,
            FwMask: fwMask,
            Iif: iif,
            Oif: oif,
            UidRange: uidRange,
            IpProto: ipProto,
            SPort: sport,
            DPort: dport,
            TunId: tunId,
            L3mdev: l3mdev,
            Goto: frh.Action == FibRules.FR_ACT_GOTO ? gotoTarget : null,
            SuppressPrefixLength: suppressPrefixLength,
            SuppressIfGroup: suppressIfGroup,
            Protocol: protocol,
            Dscp: dscp,
            Realms: realms,
            IifDetached: (frh.Flags & FibRules.FIB_RULE_IIF_DETACHED) != 0,
            OifDetached: (frh.Flags & FibRules.FIB_RULE_OIF_DETACHED) != 0,
            Unresolved: (frh.Flags & FibRules.FIB_RULE_UNRESOLVED) != 0));
    }

    private static PortRange? Ports(NetlinkAttribute a) =>
        a.Payload.Length >= 4
            ? new PortRange(a.U16(), System.Runtime.InteropServices.MemoryMarshal.Read<ushort>(a.Payload[2..]))
            : null;

    private static IpPrefix Prefix(Family family, IPAddress? address, byte length) =>
        new(address ?? (family == Family.Inet ? IPAddress.Any : IPAddress.IPv6Any), length);
}
