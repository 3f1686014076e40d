using System.Runtime.InteropServices;
using Symroute.Host.Netlink.Wire;
using Symroute.Model;

namespace Symroute.Host.Netlink;

/// <summary>
/// Encodes a <see cref="Rule"/> as RTM_NEWRULE / RTM_DELRULE, the inverse of <see cref="RuleDecoder"/>
/// (ip/iprule.c iprule_modify). A deletion carries every selector, so rule_find
/// (net/core/fib_rules.c) matches this rule and no other; with NLM_F_EXCL an addition of a rule that
/// already exists fails with EEXIST instead of adding a duplicate.
/// </summary>
internal static class RuleEncoder
{
    public static byte[] Encode(Rule r, bool add)
    {
        ushort flags = LinuxNetlink.NLM_F_REQUEST | LinuxNetlink.NLM_F_ACK;
        if (add) flags |= NlmFlags.Create | NlmFlags.Excl;
        var m = new NetlinkMessageBuilder(add ? Rtnetlink.RTM_NEWRULE : Rtnetlink.RTM_DELRULE, flags);
        bool from = r.From is { Length: > 0 };
        bool to = r.To is { Length: > 0 };
        uint table = r.Table ?? 0;
        m.Header(new FibRuleHdr
        {
            Family = (byte)r.Family,
            DstLen = to ? (byte)r.To!.Value.Length : (byte)0,
            SrcLen = from ? (byte)r.From!.Value.Length : (byte)0,
            Tos = r.Tos ?? 0,
            Table = table < 256 ? (byte)table : (byte)0,
            Action = (byte)r.Action,
            Flags = r.Not ? FibRules.FIB_RULE_INVERT : 0u,
        });
        m.U32(FibRules.FRA_PRIORITY, r.Priority);
        if (table != 0) m.U32(FibRules.FRA_TABLE, table);
        if (from) m.Address(FibRules.FRA_SRC, r.From!.Value.Network().Address);
        if (to) m.Address(FibRules.FRA_DST, r.To!.Value.Network().Address);
        if (r.FwMark is uint mark)
        {
            m.U32(FibRules.FRA_FWMARK, mark);
            if (r.FwMask is uint mask) m.U32(FibRules.FRA_FWMASK, mask);
        }
        if (r.Iif is { } iif) m.String(FibRules.FRA_IIFNAME, iif);
        if (r.Oif is { } oif) m.String(FibRules.FRA_OIFNAME, oif);
        if (r.Goto is uint target) m.U32(FibRules.FRA_GOTO, target);
        if (r.SuppressPrefixLength is int spl) m.U32(FibRules.FRA_SUPPRESS_PREFIXLEN, unchecked((uint)spl));
        if (r.SuppressIfGroup is int sig) m.U32(FibRules.FRA_SUPPRESS_IFGROUP, unchecked((uint)sig));
        if (r.Protocol is byte proto) m.U8(FibRules.FRA_PROTOCOL, proto);
        if (r.L3mdev) m.U8(FibRules.FRA_L3MDEV, 1);
        if (r.IpProto is byte ipproto) m.U8(FibRules.FRA_IP_PROTO, ipproto);
        if (r.Dscp is byte dscp) m.U8(FibRules.FRA_DSCP, dscp);
        if (r.Realms is uint realms) m.U32(FibRules.FRA_FLOW, realms);
        if (r.TunId is ulong tun) m.U64BigEndian(FibRules.FRA_TUN_ID, tun);
        if (r.UidRange is { } uid) Pair(m, FibRules.FRA_UID_RANGE, uid.Start, uid.End);
        if (r.SPort is { } sport) Ports(m, FibRules.FRA_SPORT_RANGE, sport);
        if (r.DPort is { } dport) Ports(m, FibRules.FRA_DPORT_RANGE, dport);
        return m.ToArray();
    }

    private static void Pair(NetlinkMessageBuilder m, ushort type, uint a, uint b)
    {
        Span<byte> v = stackalloc byte[8];
        MemoryMarshal.Write(v, in a);
        MemoryMarshal.Write(v[4..], in b);
        m.Bytes(type, v);
    }

    private static void Ports(NetlinkMessageBuilder m, ushort type, PortRange p)
    {
        Span<byte> v = stackalloc byte[4];
        ushort s = p.Start, e = p.End;
        MemoryMarshal.Write(v, in s);
        MemoryMarshal.Write(v[2..], in e);
        m.Bytes(type, v);
    }
}
