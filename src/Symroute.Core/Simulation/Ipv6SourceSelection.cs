namespace Symroute.Simulation;

/// <summary>
/// ipv6_dev_get_saddr (net/ipv6/addrconf.c): RFC 6724 source address selection. Candidates are the
/// outgoing device's addresses when the destination is multicast or link-local (or
/// use_oif_addrs_only), otherwise every device's in ifindex order; each candidate is compared with
/// the best so far rule by rule, the first difference decides, and ties keep the earlier one.
/// </summary>
internal static class Ipv6SourceSelection
{
    private static readonly string[] RuleNames =
    [
        "", "rule 1 (same address as the destination)", "rule 2 (appropriate scope)",
        "rule 3 (avoid deprecated and optimistic addresses)", "rule 4 (prefer home address)",
        "rule 5 (prefer the outgoing interface)", "rule 6 (matching label)",
        "rule 7 (prefer public addresses)", "rule 8 (ORCHID)", "rule 9 (longest matching prefix)",
        "rule 10 (not optimistic)",
    ];

    private const int RuleCount = 11;

    /// <summary>The chosen address, or null when there is none (-EADDRNOTAVAIL).</summary>
    public static SimAddress6? Select(HostIndex h, int dstDev, UInt128 dst, ExplainTrace? t, int depth)
    {
        var dstType = Ipv6AddressType.Of(dst);
        int dstScope = Ipv6AddressType.SourceScope(dst);
        int dstLabel = Ipv6AddressType.Label(dst);
        bool oifOnly = dstDev >= 0 && ((dstType & Ipv6AddressType.Kind.Multicast) != 0
            || dstScope <= Ipv6AddressType.ScopeLinkLocal || h.Links[dstDev].Conf6.UseOifAddrsOnly);
        SimAddress6? best = null;
        if (oifOnly)
        {
            t?.Add(ExplainStepKind.Source, depth, $"candidates: addresses of {h.Links[dstDev].Name} only (the destination is {(dstScope <= Ipv6AddressType.ScopeLinkLocal ? "link-local or narrower" : "multicast")})");
            Scan(h, h.Links[dstDev], dst, dstScope, dstLabel, dstDev, ref best, t, depth);
        }
        else
        {
            t?.Add(ExplainStepKind.Source, depth, "candidates: addresses of every device, in device order");
            foreach (var dev in h.Links)
                Scan(h, dev, dst, dstScope, dstLabel, dstDev, ref best, t, depth);
        }
        return best;
    }

    private static void Scan(HostIndex h, SimLink dev, UInt128 dst, int dstScope, int dstLabel, int dstDev, ref SimAddress6? best, ExplainTrace? t, int depth)
    {
        if (dev.Conf6.Disabled)
            return;
        foreach (var a in dev.V6)
        {
            if (a.Tentative && !a.Optimistic)
            {
                t?.Add(new ExplainStep(ExplainStepKind.Source, depth, $"{a.Ip} on {dev.Name}: skipped, tentative (duplicate address detection not finished)", "skipped") { Address = a.Ip, Dev = dev.Name });
                continue;
            }
            if (a.Type == Ipv6AddressType.Kind.Any || (a.Type & Ipv6AddressType.Kind.Multicast) != 0)
                continue;
            if (best is null)
            {
                best = a;
                t?.Add(new ExplainStep(ExplainStepKind.Source, depth, $"{a.Ip} on {dev.Name}: first candidate", "candidate") { Address = a.Ip, Dev = dev.Name });
                continue;
            }
            for (int i = 1; i < RuleCount; i++)
            {
                int hi = Eval(h, best, dst, dstScope, dstLabel, dstDev, i);
                int mine = Eval(h, a, dst, dstScope, dstLabel, dstDev, i);
                if (hi > mine)
                {
                    t?.Add(new ExplainStep(ExplainStepKind.Source, depth, $"{a.Ip} on {dev.Name}: loses to {best.Ip} by {RuleNames[i]}", "skipped") { Address = a.Ip, Dev = dev.Name });
                    break;
                }
                if (hi < mine)
                {
                    t?.Add(new ExplainStep(ExplainStepKind.Source, depth, $"{a.Ip} on {dev.Name}: beats {best.Ip} by {RuleNames[i]}", "candidate") { Address = a.Ip, Dev = dev.Name });
                    best = a;
                    break;
                }
                if (i == RuleCount - 1)
                    t?.Add(new ExplainStep(ExplainStepKind.Source, depth, $"{a.Ip} on {dev.Name}: ties with {best.Ip} on every rule, the earlier one stays", "skipped") { Address = a.Ip, Dev = dev.Name });
            }
        }
    }

    /// <summary>ipv6_get_saddr_eval for one rule; higher is better.</summary>
    private static int Eval(HostIndex h, SimAddress6 a, UInt128 dst, int dstScope, int dstLabel, int dstDev, int rule)
    {
        switch (rule)
        {
            case 1:
                return a.Bits == dst ? 1 : 0;
            case 2:
            {
                int s = a.SrcScope;
                return s >= dstScope ? -s : s - 128;
            }
            case 3:
            {
                // use_optimistic is not modelled (off): optimistic addresses are avoided like deprecated ones.
                bool preferredType = (a.Type & (Ipv6AddressType.Kind.Mapped | Ipv6AddressType.Kind.Compatv4 | Ipv6AddressType.Kind.Loopback)) != 0;
                return preferredType || !(a.Deprecated || a.Optimistic) ? 1 : 0;
            }
            case 4:
                return a.HomeAddress ? 1 : 0;
            case 5:
                return dstDev < 0 || dstDev == a.DevId ? 1 : 0;
            case 6:
                return a.Label == dstLabel ? 1 : 0;
            case 7:
            {
                bool preftmp = h.Links[a.DevId].Conf6.UseTempaddr >= 2;
                return (!a.Temporary) ^ preftmp ? 1 : 0;
            }
            case 8:
                return Ipv6AddressType.IsOrchid(a.Bits) == Ipv6AddressType.IsOrchid(dst) ? 1 : 0;
            case 9:
                return Math.Min(AddressBits.CommonPrefix6(a.Bits, dst), a.PrefixLength);
            case 10:
                return a.Optimistic ? 0 : 1;
            default:
                return 0;
        }
    }
}
