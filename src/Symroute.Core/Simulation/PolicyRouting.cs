using System.Globalization;
using Symroute.Model;
using Symroute.Sources;
using Symroute.Simulation.Fib;

namespace Symroute.Simulation;

/// <summary>
/// The routing policy database walk (fib_rules_lookup) and the per-table lookups it calls
/// (fib_table_lookup for IPv4, ip6_pol_route / fib6_table_lookup for IPv6). Nothing here allocates
/// unless an <see cref="ExplainTrace"/> is given.
/// </summary>
internal sealed class PolicyRouting
{
    private readonly HostIndex _h;

    // The default table, looked up by the merged fast path after main on every miss.
    private readonly FibTable? _defaultTable4;

    public PolicyRouting(HostIndex h)
    {
        _h = h;
        _defaultTable4 = h.Table(Family.Inet, RouteTableId.Default);
    }

    /// <summary>The rule that stands for a table in the merged fast path: the first lookup rule naming it.</summary>
    private SimRule? DefaultRuleFor(uint table)
    {
        foreach (var r in _h.Rules4)
            if (r.IsLookup && r.TableId == table)
                return r;
        return null;
    }

    // ---------------------------------------------------------------- IPv4

    /// <summary>fib_lookup: the merged fast path, or the rule walk once custom rules exist.</summary>
    public LookupResult Lookup4(in Flow f, bool ignoreLinkState, ExplainTrace? trace, int depth)
    {
        if (_h.Merged)
            return LookupMerged4(f, ignoreLinkState, trace, depth);
        trace?.Add(ExplainStepKind.Rules, depth, "policy rules (IPv4), in priority order:");
        return RuleWalk(Family.Inet, _h.Rules4, f, ignoreLinkState, 0, false, trace, depth + 1);
    }

    private LookupResult LookupMerged4(in Flow f, bool ignoreLinkState, ExplainTrace? trace, int depth)
    {
        trace?.Add(ExplainStepKind.Rules, depth,
            "no custom IPv4 rule was ever added: the kernel's fast path looks up main (local is merged into it), then default, as rules 0 (local), 32766 (main) and 32767 (default) would");
        var result = new LookupResult { Error = Errno.ENETUNREACH, Reason = RouteErrorReason.NoRoute };
        for (int step = 0; step < 2; step++)
        {
            uint id = step == 0 ? RouteTableId.Main : RouteTableId.Default;
            var table = step == 0 ? _h.MergedMain : _defaultTable4;
            if (table is null)
            {
                trace?.Add(TableStep(id, depth + 1, $"table {TableName(id)} does not exist", "missing"));
                continue;
            }
            var outcome = Table4(table, f, ignoreLinkState, out var e, out var nh, out int plen, trace, depth + 1);
            if (outcome is TableOutcome.NoMatch or TableOutcome.Throw)
                continue;
            var sr = e is null ? null : DefaultRuleFor(e.TableId);
            if (outcome == TableOutcome.Reject)
                return new LookupResult { Error = e!.RejectErrno, Reason = RouteErrorReason.RejectRoute, Entry = e, Table = table, Rule = sr, PrefixLength = plen };
            return new LookupResult { Entry = e, Nexthop = nh, Table = table, Rule = sr, PrefixLength = plen };
        }
        return result;
    }

    /// <summary>fib_table_lookup: longest prefix first, backtracking to shorter prefixes when no alias is usable.</summary>
    public TableOutcome Table4(FibTable t, in Flow f, bool ignoreLinkState, out FibEntry? entry, out FibNexthop? nexthop, out int prefixLength, ExplainTrace? trace, int depth)
    {
        uint dst = (uint)f.Dst;
        byte flowTos = (byte)(f.Tos & 0x1c);
        List<ExplainStep>? notes = trace is null ? null : new();
        int max = 32;
        while (t.TryMatch(dst, max, out int len, out var group))
        {
            foreach (var e in group)
            {
                // fib_dscp_masked_match: a route tos matches the flow's tos under the legacy mask.
                if (e.Tos != 0 && e.Tos != flowTos)
                {
                    notes?.Add(Skip(e, depth + 1, $"route tos 0x{e.Tos:x2} does not match the flow's tos 0x{f.Tos:x2}"));
                    continue;
                }
                if (e.Type == RouteType.Throw)
                {
                    (entry, nexthop, prefixLength) = (e, null, len);
                    if (trace is not null)
                        Flush(trace, TableStep(t.Id, depth, $"table {TableName(t.Id)}: throw route for {trace.Address4(dst)}: back to the rules", "throw", e.Route), notes);
                    return TableOutcome.Throw;
                }
                if ((e.Type is RouteType.Unreachable or RouteType.Prohibit or RouteType.Blackhole) && e.RejectErrno is Errno err)
                {
                    // Error routes end the lookup before any nexthop or oif check.
                    (entry, nexthop, prefixLength) = (e, null, len);
                    if (trace is not null)
                        Flush(trace, TableStep(t.Id, depth, $"table {TableName(t.Id)}: {TypeName(e.Type)} route for {trace.Address4(dst)}: {ErrnoText.Message(err)}", "reject", e.Route), notes);
                    return TableOutcome.Reject;
                }
                foreach (var nh in e.Nexthops)
                {
                    if (nh.Dead)
                    {
                        notes?.Add(Skip(e, depth + 1, $"nexthop {NexthopText(nh)} is dead: its device is down"));
                        continue;
                    }
                    if (nh.LinkDown && !ignoreLinkState && nh.DevId >= 0 && _h.Links[nh.DevId].Conf4.IgnoreRoutesWithLinkdown)
                    {
                        notes?.Add(Skip(e, depth + 1, $"nexthop {NexthopText(nh)} is linkdown and {DevName(nh.DevId)} ignores routes with linkdown"));
                        continue;
                    }
                    if (f.Oif >= 0 && nh.DevId != f.Oif)
                    {
                        notes?.Add(Skip(e, depth + 1, $"nexthop {NexthopText(nh)} is not on oif {DevName(f.Oif)}"));
                        continue;
                    }
                    (entry, nexthop, prefixLength) = (e, nh, len);
                    if (trace is not null)
                    {
                        string how = nh.LinkDown ? " (nexthop linkdown, still used)" : "";
                        if (trace is not null)
                            Flush(trace, TableStep(t.Id, depth, $"table {TableName(t.Id)}: {trace.Address4(dst)} matches /{len}{how}", "found", e.Route), notes);
                    }
                    return TableOutcome.Found;
                }
                if (e.Nexthops.Length == 0)
                    notes?.Add(Skip(e, depth + 1, "no nexthop"));
            }
            if (len == 0)
                break;
            max = len - 1;
        }
        (entry, nexthop, prefixLength) = (null, null, 0);
        if (trace is not null)
            Flush(trace, TableStep(t.Id, depth, $"table {TableName(t.Id)}: no usable route for {trace.Address4(dst)}", "no-route"), notes);
        return TableOutcome.NoMatch;
    }

    // ---------------------------------------------------------------- IPv6

    /// <summary>
    /// fib6_rule_lookup with ip6_pol_route as the table lookup. <paramref name="scoreOif"/> is the
    /// device routes are scored against (the output oif, or the input device for input lookups).
    /// </summary>
    public LookupResult Lookup6(in Flow f, int scoreOif, bool strict, bool hasSrc, ExplainTrace? trace, int depth)
    {
        trace?.Add(ExplainStepKind.Rules, depth, "policy rules (IPv6), in priority order:");
        return RuleWalk(Family.Inet6, _h.Rules6, f, false, scoreOif, strict, trace, depth + 1, hasSrc);
    }

    /// <summary>fib6_table_lookup: rt6_select at the longest matching node, then less specific nodes.</summary>
    public TableOutcome Table6(FibTable t, in Flow f, int oif, bool strict, out FibEntry? entry, ExplainTrace? trace, int depth)
    {
        List<ExplainStep>? notes = trace is null ? null : new();
        int max = 128;
        bool descending = true;
        while (t.TryMatch(f.Dst, max, out int len, out var g))
        {
            if (descending)
            {
                // fib6_node_lookup_1: a destination node holding source-specific routes (a subtree)
                // is entered through the subtree only; when no source prefix there matches, the node
                // is passed over, its routes without source included. Once a node is found,
                // fib6_backtrack does visit a node's own routes after its subtree. The root (::/0) is
                // never passed over: fib6_node_lookup falls back to it.
                if (len > 0 && HasUnmatchedSubtree(g, f.Src))
                {
                    notes?.Add(new ExplainStep(ExplainStepKind.Route, depth + 1,
                        $"skipped: {g[0].Route.Dst.ToRouteString()} has source-specific routes and none matches source {trace!.Address6(f.Src)}: the kernel passes over the whole prefix, its routes without source too", "skipped")
                    { Route = g[0].Route, Table = t.Id });
                    max = len - 1;
                    continue;
                }
                descending = false;
            }
            // Source-specific routes: the longest matching source prefix first, then the rest
            // (only the source lengths present at the node: nearly always just 0).
            for (int srcLen = MaxSrcLengthBelow(g, 129); srcLen >= 0; srcLen = MaxSrcLengthBelow(g, srcLen))
            {
                bool any = false;
                foreach (var e in g)
                    if (e.SrcLength == srcLen && (srcLen == 0 || ((f.Src ^ e.Src) & AddressBits.Mask6(srcLen)) == 0)) { any = true; break; }
                if (!any)
                    continue;
                var best = Select6(g, srcLen, f, oif, strict, notes, depth + 1);
                if (best is not null)
                {
                    entry = best;
                    if (best.Type == RouteType.Throw)
                    {
                        if (trace is not null)
                            Flush(trace, TableStep(t.Id, depth, $"table {TableName(t.Id)}: throw route for {trace.Address6(f.Dst)}: back to the rules", "throw", best.Route), notes);
                        return TableOutcome.Throw;
                    }
                    if (best.RejectErrno is Errno err)
                    {
                        if (trace is not null)
                            Flush(trace, TableStep(t.Id, depth, $"table {TableName(t.Id)}: {TypeName(best.Type)} route for {trace.Address6(f.Dst)}: {ErrnoText.Message(err)}", "reject", best.Route), notes);
                        return TableOutcome.Reject;
                    }
                    if (trace is not null)
                        Flush(trace, TableStep(t.Id, depth, $"table {TableName(t.Id)}: {trace.Address6(f.Dst)} matches /{len}", "found", best.Route), notes);
                    return TableOutcome.Found;
                }
            }
            if (len == 0)
                break;
            max = len - 1;
        }
        entry = null;
        if (trace is not null)
            Flush(trace, TableStep(t.Id, depth, $"table {TableName(t.Id)}: no usable route for {trace.Address6(f.Dst)}", "no-route"), notes);
        return TableOutcome.NoMatch;
    }

    private static int MaxSrcLengthBelow(FibEntry[] g, int below)
    {
        int max = -1;
        foreach (var e in g)
            if (e.SrcLength < below && e.SrcLength > max)
                max = e.SrcLength;
        return max;
    }

    private static bool HasUnmatchedSubtree(FibEntry[] g, UInt128 src)
    {
        bool subtree = false;
        foreach (var e in g)
        {
            if (e.SrcLength == 0)
                continue;
            if (((src ^ e.Src) & AddressBits.Mask6(e.SrcLength)) == 0)
                return false;
            subtree = true;
        }
        return subtree;
    }

    /// <summary>
    /// rt6_select / find_rr_leaf: the lowest-metric group first (highest score wins, ties keep the
    /// earlier route), then every other route at the node if that group had no usable one.
    /// Neighbour reachability is not modelled (an empty neighbour table scores as reachable).
    /// </summary>
    private FibEntry? Select6(FibEntry[] g, int srcLen, in Flow f, int oif, bool strict, List<ExplainStep>? notes, int depth)
    {
        FibEntry? best = null;
        int mpri = -1;
        uint metric = 0;
        bool first = true;
        int cont = -1;
        for (int i = 0; i < g.Length; i++)
        {
            var e = g[i];
            if (e.SrcLength != srcLen || (srcLen != 0 && ((f.Src ^ e.Src) & AddressBits.Mask6(srcLen)) != 0))
                continue;
            if (first) { metric = e.Metric; first = false; }
            else if (e.Metric != metric) { cont = i; break; }
            if (FindMatch6(e, oif, strict, ref mpri, notes, depth))
                best = e;
        }
        if (best is null && cont >= 0)
        {
            for (int i = cont; i < g.Length; i++)
            {
                var e = g[i];
                if (e.SrcLength != srcLen || (srcLen != 0 && ((f.Src ^ e.Src) & AddressBits.Mask6(srcLen)) != 0))
                    continue;
                if (FindMatch6(e, oif, strict, ref mpri, notes, depth))
                    best = e;
            }
        }
        return best;
    }

    /// <summary>find_match + rt6_score_route.</summary>
    private bool FindMatch6(FibEntry e, int oif, bool strict, ref int mpri, List<ExplainStep>? notes, int depth)
    {
        var nh = e.Nexthops.Length > 0 ? e.Nexthops[0] : null;
        int dev = nh is null ? _h.LoId : nh.DevId < 0 && nh.Model.Dev is null ? _h.LoId : nh.DevId;
        if (nh is not null && nh.Dead)
        {
            notes?.Add(Skip(e, depth, $"nexthop {NexthopText(nh)} is dead: its device is down"));
            return false;
        }
        if (nh is not null && nh.LinkDown && dev >= 0 && _h.Links[dev].Conf6.IgnoreRoutesWithLinkdown)
        {
            notes?.Add(Skip(e, depth, $"nexthop {NexthopText(nh)} is linkdown and {DevName(dev)} ignores routes with linkdown"));
            return false;
        }
        int m = oif < 0 || dev == oif ? 2 : 0;
        if (m == 0 && strict)
        {
            notes?.Add(Skip(e, depth, $"device {DevName(dev)} is not oif {DevName(oif)} (interface-strict lookup)"));
            return false;
        }
        m |= e.PrefScore << 2;
        if (m > mpri)
        {
            mpri = m;
            return true;
        }
        notes?.Add(Skip(e, depth, "an earlier route scored at least as high (oif match, router preference)"));
        return false;
    }

    // ---------------------------------------------------------------- rules

    private LookupResult RuleWalk(Family family, SimRule[] rules, in Flow f, bool ignoreLinkState, int scoreOif, bool strict, ExplainTrace? trace, int depth, bool hasSrc = true)
    {
        FibTable? memoTable = null;
        TableOutcome memoOutcome = default;
        FibEntry? memoEntry = null;
        FibNexthop? memoNexthop = null;
        int memoLength = 0;
        for (int i = 0; i < rules.Length; i++)
        {
            var r = rules[i];
        jumped:
            if (!Match(family, r, f, hasSrc))
            {
                if (trace is not null)
                    trace.Add(new ExplainStep(ExplainStepKind.Rule, depth, Mismatch(family, r, f, hasSrc, trace), "no-match") { Rule = r.Model });
                continue;
            }
            if (!r.IsLookup)
            switch (r.Model.Action)
            {
                case RuleAction.Goto:
                    if (r.GotoIndex < 0)
                    {
                        trace?.Add(new ExplainStep(ExplainStepKind.Rule, depth, $"{MatchText(family, r, f, hasSrc, trace!)}, but goto {r.Model.Goto} is unresolved (no rule has that priority): continue", "unresolved") { Rule = r.Model });
                        continue;
                    }
                    trace?.Add(new ExplainStep(ExplainStepKind.Rule, depth, $"{MatchText(family, r, f, hasSrc, trace!)}: goto {r.Model.Goto}", "goto") { Rule = r.Model });
                    i = r.GotoIndex;
                    r = rules[i];
                    goto jumped;
                case RuleAction.Nop:
                    trace?.Add(new ExplainStep(ExplainStepKind.Rule, depth, $"{MatchText(family, r, f, hasSrc, trace!)}: nop, continue", "nop") { Rule = r.Model });
                    continue;
                case RuleAction.Unreachable:
                case RuleAction.Prohibit:
                case RuleAction.Blackhole:
                case RuleAction.Unspec:
                {
                    var err = r.Model.Action switch
                    {
                        RuleAction.Unreachable => Errno.ENETUNREACH,
                        RuleAction.Prohibit => Errno.EACCES,
                        _ => Errno.EINVAL,
                    };
                    trace?.Add(new ExplainStep(ExplainStepKind.Rule, depth, $"{MatchText(family, r, f, hasSrc, trace!)}: {ActionName(r.Model.Action)}: {ErrnoText.Message(err)}", "reject") { Rule = r.Model });
                    return new LookupResult { Error = err, Reason = RouteErrorReason.RejectRule, Rule = r };
                }
            }
            // lookup TABLE (l3mdev rules never match: VRFs are not modelled).
            trace?.Add(new ExplainStep(ExplainStepKind.Rule, depth, $"{MatchText(family, r, f, hasSrc, trace!)}: lookup {TableName(r.TableId)}", "match") { Rule = r.Model });
            var table = r.Table;
            if (table is null)
            {
                trace?.Add(TableStep(r.TableId, depth + 1, $"table {TableName(r.TableId)} does not exist (or has no route): continue", "missing"));
                continue;
            }
            TableOutcome outcome;
            FibEntry? e;
            FibNexthop? nh = null;
            int plen;
            if (trace is null && ReferenceEquals(table, memoTable))
            {
                // The walk reaches the same table again (main-first hosts: a suppressing "lookup
                // main" rule, then rule 32766): same table, same flow, same answer.
                (outcome, e, nh, plen) = (memoOutcome, memoEntry, memoNexthop, memoLength);
            }
            else
            {
                if (family == Family.Inet)
                {
                    outcome = Table4(table, f, ignoreLinkState, out e, out nh, out plen, trace, depth + 1);
                }
                else
                {
                    outcome = Table6(table, f, scoreOif, strict, out e, trace, depth + 1);
                    nh = e is not null && e.Nexthops.Length > 0 ? e.Nexthops[0] : null;
                    plen = e?.PrefixLength ?? 0;
                }
                (memoTable, memoOutcome, memoEntry, memoNexthop, memoLength) = (table, outcome, e, nh, plen);
            }
            if (outcome is TableOutcome.NoMatch or TableOutcome.Throw)
                continue;
            if (outcome == TableOutcome.Reject)
                return new LookupResult { Error = e!.RejectErrno, Reason = RouteErrorReason.RejectRoute, Entry = e, Table = table, Rule = r, PrefixLength = plen };
            // Suppressors apply to successful lookups only (fib4_rule_suppress / fib6_rule_suppress).
            if (plen <= r.SuppressPrefixLength)
            {
                trace?.Add(new ExplainStep(ExplainStepKind.Table, depth + 1,
                    $"suppressed: the match has prefix length {plen} ≤ suppress_prefixlength {r.SuppressPrefixLength}: continue", "suppressed") { Table = table.Id });
                continue;
            }
            if (r.SuppressIfGroup != -1 && nh is not null && nh.DevId >= 0 && _h.Links[nh.DevId].Group == r.SuppressIfGroup)
            {
                trace?.Add(new ExplainStep(ExplainStepKind.Table, depth + 1,
                    $"suppressed: device {DevName(nh.DevId)} is in group {r.SuppressIfGroup} (suppress_ifgroup): continue", "suppressed") { Table = table.Id });
                continue;
            }
            return new LookupResult { Entry = e, Nexthop = nh, Table = table, Rule = r, PrefixLength = plen };
        }
        trace?.Add(ExplainStepKind.Rules, depth - 1, "no rule produced a route: Network is unreachable", "no-route");
        return new LookupResult { Error = Errno.ENETUNREACH, Reason = RouteErrorReason.NoRoute };
    }

    /// <summary>fib_rule_match with fib4_rule_match / fib6_rule_match; <c>not</c> inverts the whole result.</summary>
    private static bool Match(Family family, SimRule r, in Flow f, bool hasSrc) => MatchSelectors(family, r, f, hasSrc) != r.Invert;

    private static bool MatchSelectors(Family family, SimRule r, in Flow f, bool hasSrc)
    {
        if (!r.Selects) return true;
        if (r.IifId != SimRule.NoDevice && r.IifId != f.Iif) return false;
        if (r.OifId != SimRule.NoDevice && r.OifId != f.Oif) return false;
        if (((r.Mark ^ f.Mark) & r.MarkMask) != 0) return false;
        if (r.Never) return false;
        if (f.Uid < r.UidStart || f.Uid > r.UidEnd) return false;
        if (r.SrcLength > 0)
        {
            // IPv6: a rule with a source prefix never matches a flow without a source.
            if (family == Family.Inet6 && !hasSrc) return false;
            if (((f.Src ^ r.Src) & r.SrcMask) != 0) return false;
        }
        if (r.DstLength > 0 && ((f.Dst ^ r.Dst) & r.DstMask) != 0) return false;
        if (r.TosKind != RuleTosSelector.None && !TosMatches(r, f.Tos)) return false;
        if (r.IpProto != 0 && r.IpProto != f.Proto) return false;
        if (f.SPort < r.SPortStart || f.SPort > r.SPortEnd) return false;
        if (f.DPort < r.DPortStart || f.DPort > r.DPortEnd) return false;
        return true;
    }

    private static bool TosMatches(SimRule r, byte flowTos) => r.TosKind switch
    {
        RuleTosSelector.Dscp => ((r.TosValue ^ (flowTos >> 2)) & 0x3f) == 0,
        RuleTosSelector.Tos4 => r.TosValue == (flowTos & 0x1c),
        RuleTosSelector.Tos6 => (r.TosValue >> 2) == (flowTos >> 2),
        _ => true,
    };

    private string Mismatch(Family family, SimRule r, in Flow f, bool hasSrc, ExplainTrace trace)
    {
        if (r.Invert)
            return "no match: every selector matches, and not inverts that";
        return "no match: " + FirstFailure(family, r, f, hasSrc, trace);
    }

    /// <summary>The first selector that does not match, in the kernel's order (fib_rule_match, then the family's match).</summary>
    private string FirstFailure(Family family, SimRule r, in Flow f, bool hasSrc, ExplainTrace trace)
    {
        var m = r.Model;
        if (r.IifId == SimRule.Detached) return $"iif {m.Iif} is detached (no such device): never matches";
        if (r.IifId != SimRule.NoDevice && r.IifId != f.Iif) return $"iif {m.Iif} does not match: the flow's iif is {DevName(f.Iif)}";
        if (r.OifId == SimRule.Detached) return $"oif {m.Oif} is detached (no such device): never matches";
        if (r.OifId != SimRule.NoDevice && r.OifId != f.Oif)
            return f.Oif < 0 ? $"oif {m.Oif} does not match: the flow has no oif" : $"oif {m.Oif} does not match: the flow's oif is {DevName(f.Oif)}";
        if (((r.Mark ^ f.Mark) & r.MarkMask) != 0) return $"fwmark 0x{r.Mark:x}/0x{r.MarkMask:x} does not match mark 0x{f.Mark:x}";
        if (m.TunId is > 0) return $"tun_id {m.TunId} never matches (no tunnel metadata)";
        if (m.L3mdev) return "l3mdev: the flow is not associated with a VRF";
        if (f.Uid < r.UidStart || f.Uid > r.UidEnd) return f.Uid == uint.MaxValue
            ? $"uidrange {r.UidStart}-{r.UidEnd} does not match: an input lookup without uid carries INVALID_UID"
            : $"uidrange {r.UidStart}-{r.UidEnd} does not match uid {f.Uid}";
        if (r.SrcLength > 0 && family == Family.Inet6 && !hasSrc)
            return $"from {m.From} needs a source address and the flow has none (::)";
        if (r.SrcLength > 0 && ((f.Src ^ r.Src) & SimRule.Mask(family, r.SrcLength)) != 0)
            return $"from {m.From} does not match source {AddrText(trace, family, f.Src)}";
        if (r.DstLength > 0 && ((f.Dst ^ r.Dst) & SimRule.Mask(family, r.DstLength)) != 0)
            return $"to {m.To} does not match destination {AddrText(trace, family, f.Dst)}";
        if (r.TosKind != RuleTosSelector.None && !TosMatches(r, f.Tos))
            return m.Dscp is not null ? $"dscp {m.Dscp} does not match the flow's dscp {f.Tos >> 2}" : $"tos 0x{m.Tos:x2} does not match the flow's tos 0x{f.Tos:x2} (compared under mask 0x1c)";
        if (m.IpProto is byte p && p != 0 && p != f.Proto) return $"ipproto {IpProtocolNames.Format(p)} does not match ipproto {IpProtocolNames.Format(f.Proto)}";
        if (m.SPort is PortRange sp && !sp.Contains(f.SPort)) return $"sport {sp} does not match sport {f.SPort}";
        if (m.DPort is PortRange dp && !dp.Contains(f.DPort)) return $"dport {dp} does not match dport {f.DPort}";
        return "every selector matches";
    }

    private string MatchText(Family family, SimRule r, in Flow f, bool hasSrc, ExplainTrace trace) =>
        r.Invert ? $"matches because of not ({FirstFailure(family, r, f, hasSrc, trace)})" : "matches";

    // ---------------------------------------------------------------- trace helpers

    private static void Flush(ExplainTrace? trace, ExplainStep step, List<ExplainStep>? notes)
    {
        if (trace is null)
            return;
        trace.Add(step);
        foreach (var n in notes!)
            trace.Add(n);
    }

    private static ExplainStep TableStep(uint table, int depth, string text, string outcome, Route? route = null) =>
        new(ExplainStepKind.Table, depth, text, outcome) { Table = table, Route = route };

    private static ExplainStep Skip(FibEntry e, int depth, string why) =>
        new(ExplainStepKind.Route, depth, "skipped: " + why, "skipped") { Route = e.Route, Table = e.TableId };

    public string TableName(uint id) => _h.Names.Format(id);

    public string DevName(int id) => id >= 0 && id < _h.Links.Length ? _h.Links[id].Name : "none";

    private string NexthopText(FibNexthop nh)
    {
        string dev = nh.Model.Dev ?? "?";
        return nh.GatewayIp is null ? $"dev {dev}" : $"via {nh.GatewayIp} dev {dev}";
    }

    internal static string TypeName(RouteType t) => t.ToString().ToLowerInvariant();

    private static string ActionName(RuleAction a) => a.ToString().ToLowerInvariant();

    private static string Addr4(uint a) => AddressBits.ToAddress4(a).ToString();

    private static string Addr6(UInt128 a) => AddressBits.ToAddress6(a).ToString();

    internal static string AddrText(Family family, UInt128 a) => family == Family.Inet ? Addr4((uint)a) : Addr6(a);

    private static string AddrText(ExplainTrace trace, Family family, UInt128 a) => family == Family.Inet ? trace.Address4((uint)a) : trace.Address6(a);

    internal static string Num(long v) => v.ToString(CultureInfo.InvariantCulture);
}
