using Symroute.Model;
using Symroute.Simulation.Fib;

namespace Symroute.Simulation;

/// <summary>A policy rule with its selectors resolved for matching (fib_rule + fib4_rule / fib6_rule).</summary>
internal sealed class SimRule
{
    public const int NoDevice = -1;
    public const int Detached = -2;

    public SimRule(Rule model, int index)
    {
        Model = model;
        Index = index;
        Invert = model.Not;
        if (model.From is { } from && from.Length > 0)
        {
            SrcLength = from.Length;
            SrcMask = Mask(model.Family, from.Length);
            Src = AddressBits.Bits(from.Address) & SrcMask;
        }
        if (model.To is { } to && to.Length > 0)
        {
            DstLength = to.Length;
            DstMask = Mask(model.Family, to.Length);
            Dst = AddressBits.Bits(to.Address) & DstMask;
        }
        Mark = model.FwMark ?? 0;
        // iproute2 sends no mask with "fwmark V": the kernel then uses 0xffffffff, or 0 for fwmark 0.
        MarkMask = model.FwMask ?? (Mark != 0 ? uint.MaxValue : 0u);
        UidStart = model.UidRange?.Start ?? 0;
        UidEnd = model.UidRange?.End ?? uint.MaxValue;
        SuppressPrefixLength = model.SuppressPrefixLength ?? -1;
        SuppressIfGroup = model.SuppressIfGroup ?? -1;

        // The selectors as plain integers, so that matching is a few compares (fib_rule_match).
        Never = model.TunId is > 0 || model.L3mdev;
        if (model.Dscp is byte dscp)
        {
            TosKind = RuleTosSelector.Dscp;
            TosValue = dscp;
        }
        else if (model.Tos is byte tos && tos != 0)
        {
            TosKind = model.Family == Family.Inet ? RuleTosSelector.Tos4 : RuleTosSelector.Tos6;
            TosValue = tos;
        }
        IpProto = model.IpProto ?? 0;
        if (model.SPort is PortRange sp)
            (SPortStart, SPortEnd) = (sp.Start, sp.End);
        if (model.DPort is PortRange dp)
            (DPortStart, DPortEnd) = (dp.Start, dp.End);
        IsLookup = model.Action == RuleAction.Lookup;
        Selects = MarkMask != 0 || UidStart != 0 || UidEnd != uint.MaxValue || SrcLength > 0 || DstLength > 0
            || Never || TosKind != RuleTosSelector.None || IpProto != 0 || model.SPort is not null || model.DPort is not null
            || model.Iif is not null || model.Oif is not null;
    }

    public static UInt128 Mask(Family family, int length) =>
        family == Family.Inet ? AddressBits.Mask4(length) : AddressBits.Mask6(length);

    public Rule Model { get; }

    /// <summary>Position in the family's rule list.</summary>
    public int Index { get; }

    public bool Invert { get; }

    public int SrcLength { get; }

    public UInt128 Src { get; }

    public UInt128 SrcMask { get; }

    public int DstLength { get; }

    public UInt128 DstMask { get; }

    public UInt128 Dst { get; }

    public uint Mark { get; }

    public uint MarkMask { get; }

    public uint UidStart { get; }

    public uint UidEnd { get; }

    public int SuppressPrefixLength { get; }

    public int SuppressIfGroup { get; }

    /// <summary>A tun_id or l3mdev selector: never matches (no tunnel metadata, no VRFs).</summary>
    public bool Never { get; }

    public RuleTosSelector TosKind { get; }

    public byte TosValue { get; }

    /// <summary>ipproto selector, 0 for any.</summary>
    public byte IpProto { get; }

    public ushort SPortStart { get; }

    public ushort SPortEnd { get; } = ushort.MaxValue;

    public ushort DPortStart { get; }

    public ushort DPortEnd { get; } = ushort.MaxValue;

    /// <summary>The action is <c>lookup</c>.</summary>
    public bool IsLookup { get; }

    /// <summary>Some selector is set; a rule without one matches every flow (before <c>not</c>).</summary>
    public bool Selects { get; }

    /// <summary>Device id of <c>iif</c>, <see cref="NoDevice"/> when unset, <see cref="Detached"/> when no such device.</summary>
    public int IifId { get; set; } = NoDevice;

    public int OifId { get; set; } = NoDevice;

    /// <summary>The table a lookup action reads; null when it does not exist.</summary>
    public FibTable? Table { get; set; }

    /// <summary>Table id a lookup action names (0 means main).</summary>
    public uint TableId { get; set; }

    /// <summary>Index of the goto target (first rule with the target priority), -1 when unresolved.</summary>
    public int GotoIndex { get; set; } = -1;
}
