using System.Collections.Immutable;
using Symroute.Model;
using Symroute.Simulation.Fib;

namespace Symroute.Simulation;

/// <summary>
/// Everything a lookup needs, precomputed once from a <see cref="HostState"/>: devices with their
/// effective sysctls and ordered addresses, one <see cref="FibTable"/> per table and family (plus
/// the merged local/main table of the IPv4 fast path), rules with resolved devices, tables and goto
/// targets, and the nexthop source addresses (nh_saddr).
/// </summary>
internal sealed class HostIndex
{
    public HostIndex(HostState state)
    {
        State = state;
        Names = state.TableNames;

        // Devices, in ifindex order; a stand-in lo when the state has none (output flows use iif lo).
        var links = new List<SimLink>();
        foreach (var l in state.Links.OrderBy(l => l.Index))
        {
            if (LinkByName.ContainsKey(l.Name))
                continue;
            var sl = new SimLink(links.Count, l.Name, l.Index, l.IsUp, l.HasCarrier, l.IsLoopback, l.Group, l);
            LinkByName[l.Name] = sl.Id;
            links.Add(sl);
        }
        int lo = links.FindIndex(l => l.Loopback);
        if (lo < 0 && LinkByName.TryGetValue("lo", out int named))
            lo = named;
        if (lo < 0)
        {
            var sl = new SimLink(links.Count, "lo", 1, true, true, true, 0, null);
            LinkByName["lo"] = sl.Id;
            links.Add(sl);
            lo = sl.Id;
        }
        LoId = lo;
        Links = links.ToArray();
        foreach (var l in Links)
        {
            l.Conf4 = EffectiveIpv4Conf.For(state.Sysctls, l.Name);
            l.Conf6 = EffectiveIpv6Conf.For(state.Sysctls, l.Name);
        }

        // Addresses in list order, per device and family.
        var v4 = new List<SimAddress4>[Links.Length];
        var v6 = new List<SimAddress6>[Links.Length];
        foreach (var a in state.Addresses)
        {
            if (!LinkByName.TryGetValue(a.Dev, out int dev))
                continue;
            if (a.Family == Family.Inet)
            {
                var sa = new SimAddress4(a, dev);
                (v4[dev] ??= new()).Add(sa);
                Local4.TryAdd(sa.Local, dev);
            }
            else
            {
                (v6[dev] ??= new()).Add(new SimAddress6(a, dev));
            }
        }
        for (int i = 0; i < Links.Length; i++)
        {
            Links[i].V4 = v4[i]?.ToArray() ?? [];
            Links[i].V6 = v6[i]?.ToArray() ?? [];
        }

        // Rules and the fast-path flag.
        var rules4 = state.Rules.Where(r => r.Family == Family.Inet).ToList();
        var rules6 = state.Rules.Where(r => r.Family == Family.Inet6).ToList();
        Merged = state.LocalTableMerged ?? HasOnlyDefaultRules(rules4);

        // Tables.
        foreach (var family in new[] { Family.Inet, Family.Inet6 })
        {
            var byTable = new Dictionary<uint, List<FibEntry>>();
            foreach (var route in state.Routes)
            {
                if (route.Family != family)
                    continue;
                uint table = route.Table == RouteTableId.Unspec ? RouteTableId.Main : route.Table;
                var list = byTable.TryGetValue(table, out var l) ? l : byTable[table] = new();
                foreach (var e in MakeEntries(route, table))
                    list.Add(e);
                if (family == Family.Inet && route.Type == RouteType.Local && route.Protocol != RouteProtocol.Kernel)
                    CustomLocalRoutes = true;
            }
            var tables = family == Family.Inet ? Tables4 : Tables6;
            foreach (var (id, entries) in byTable)
                tables[id] = BuildTable(id, family, entries);
            if (family == Family.Inet && Merged)
            {
                // fib_trie keeps local aliases in main's trie until the first custom rule; within one
                // prefix, aliases of the higher table id (local) come first (fib_insert_alias).
                var merged = new List<FibEntry>();
                if (byTable.TryGetValue(RouteTableId.Local, out var local)) merged.AddRange(local);
                if (byTable.TryGetValue(RouteTableId.Main, out var main)) merged.AddRange(main);
                MergedMain = BuildTable(RouteTableId.Main, Family.Inet, merged);
            }
        }

        Rules4 = BuildRules(rules4, Tables4);
        Rules6 = BuildRules(rules6, Tables6);
        // fib_rule_requires_fldissect: input lookups dissect protocol and ports only when a rule not
        // bound to iif lo selects on them.
        RequireFlowDissect4 = Rules4.Any(r => r.Model.Iif != "lo" && (r.Model.IpProto is not null || r.Model.SPort is not null || r.Model.DPort is not null));

        // nh_saddr of every IPv4 nexthop: inet_select_addr(dev, gateway, route scope).
        foreach (var t in Tables4.Values.Append(MergedMain))
        {
            if (t is null) continue;
            foreach (var g in t.Groups)
                foreach (var e in g)
                    foreach (var nh in e.Nexthops)
                        if (nh.DevId >= 0)
                            nh.Saddr4 = Ipv4SourceSelection.Select(this, nh.DevId, (uint)nh.Gateway, e.Scope, null, 0);
        }
    }

    public HostState State { get; }

    public TableNames Names { get; }

    public SimLink[] Links { get; }

    public Dictionary<string, int> LinkByName { get; } = new(StringComparer.Ordinal);

    public int LoId { get; }

    /// <summary>IPv4 addresses (ifa_local, any device, secondaries too) to the first device holding them.</summary>
    public Dictionary<uint, int> Local4 { get; } = new();

    public Dictionary<uint, FibTable> Tables4 { get; } = new();

    public Dictionary<uint, FibTable> Tables6 { get; } = new();

    /// <summary>The IPv4 fast path is in use: no custom rule was ever added, local lives inside main.</summary>
    public bool Merged { get; }

    /// <summary>Main with local merged in, when <see cref="Merged"/>.</summary>
    public FibTable? MergedMain { get; }

    public SimRule[] Rules4 { get; }

    public SimRule[] Rules6 { get; }

    public bool RequireFlowDissect4 { get; }

    /// <summary>fib_has_custom_local_routes: a local route not made by the kernel exists.</summary>
    public bool CustomLocalRoutes { get; }

    public int? FindLink(string name) => LinkByName.TryGetValue(name, out int id) ? id : null;

    public FibTable? Table(Family family, uint id)
    {
        if (id == RouteTableId.Unspec) id = RouteTableId.Main;
        var tables = family == Family.Inet ? Tables4 : Tables6;
        return tables.TryGetValue(id, out var t) ? t : null;
    }

    private static bool HasOnlyDefaultRules(List<Rule> rules)
    {
        if (rules.Count != 3)
            return false;
        return IsDefault(rules[0], 0, RouteTableId.Local) && IsDefault(rules[1], 32766, RouteTableId.Main)
            && IsDefault(rules[2], 32767, RouteTableId.Default);

        static bool IsDefault(Rule r, uint prio, uint table) =>
            r.Priority == prio && r.Action == RuleAction.Lookup && r.Table == table && !r.Not && r.From is null
            && r.To is null && r.Tos is null && (r.FwMark ?? 0) == 0 && r.Iif is null && r.Oif is null
            && r.UidRange is null && r.IpProto is null && r.SPort is null && r.DPort is null
            && r.SuppressPrefixLength is null && r.SuppressIfGroup is null && !r.L3mdev && r.TunId is null
            && r.Dscp is null;
    }

    private IEnumerable<FibEntry> MakeEntries(Route route, uint table)
    {
        var nexthops = new FibNexthop[route.Nexthops.IsDefault ? 0 : route.Nexthops.Length];
        for (int i = 0; i < nexthops.Length; i++)
            nexthops[i] = MakeNexthop(route, route.Nexthops[i], i);
        if (route.Family == Family.Inet6 && nexthops.Length > 1)
        {
            // IPv6 ECMP routes are siblings: separate entries of equal metric, one nexthop each.
            foreach (var nh in nexthops)
                yield return new FibEntry(route, table, [nh]) { Siblings = nexthops.Length };
            yield break;
        }
        yield return new FibEntry(route, table, nexthops);
    }

    private FibNexthop MakeNexthop(Route route, Nexthop nh, int index)
    {
        int dev = nh.Dev is not null && LinkByName.TryGetValue(nh.Dev, out int d) ? d : -1;
        UInt128 gw = nh.Gateway is null ? UInt128.Zero : AddressBits.Bits(nh.Gateway);
        bool dead, linkDown;
        if (dev >= 0)
        {
            // Trust the device state: dumps print "dead" also for linkdown nexthops whose device
            // ignores routes with linkdown, which a lookup with IGNORE_LINKSTATE may still use.
            var link = Links[dev];
            dead = !link.Up;
            linkDown = nh.IsLinkDown || (link.Up && !link.Carrier) || (dead && nh.IsDead);
        }
        else
        {
            dead = nh.IsDead;
            linkDown = nh.IsLinkDown;
        }
        return new FibNexthop(nh, index, dev, gw, nh.Gateway is not null, dead, linkDown);
    }

    private static FibTable BuildTable(uint id, Family family, List<FibEntry> entries)
    {
        var groups = new Dictionary<(UInt128, int), List<FibEntry>>();
        var order = new List<(UInt128, int)>();
        foreach (var e in entries)
        {
            UInt128 key = AddressBits.Bits(e.Route.Dst.Address) & SimRule.Mask(family, e.PrefixLength);
            var k = (key, e.PrefixLength);
            if (!groups.TryGetValue(k, out var g))
            {
                groups[k] = g = new();
                order.Add(k);
            }
            g.Add(e);
        }
        var arrays = new FibEntry[order.Count][];
        var items = new List<KeyValuePair<IpPrefix, int>>(order.Count);
        for (int i = 0; i < order.Count; i++)
        {
            var g = groups[order[i]];
            // Stable sort keeps insertion order among equals. IPv4 aliases of the same table sort by
            // tos descending then metric; in the merged trie, local's aliases precede main's.
            arrays[i] = family == Family.Inet
                ? g.OrderByDescending(e => e.TableId).ThenByDescending(e => e.Tos).ThenBy(e => e.Metric).ToArray()
                : g.OrderBy(e => e.Metric).ToArray();
            var (bits, len) = order[i];
            var addr = family == Family.Inet ? AddressBits.ToAddress4((uint)bits) : AddressBits.ToAddress6(bits);
            items.Add(new(new IpPrefix(addr, len), i));
        }
        return new FibTable(id, family, PrefixMap<int>.Build(family, items), arrays, entries.Count);
    }

    private SimRule[] BuildRules(List<Rule> rules, Dictionary<uint, FibTable> tables)
    {
        var result = new SimRule[rules.Count];
        for (int i = 0; i < rules.Count; i++)
        {
            var r = rules[i];
            var sr = new SimRule(r, i);
            if (r.Iif is not null)
                sr.IifId = LinkByName.TryGetValue(r.Iif, out int d) ? d : SimRule.Detached;
            if (r.Oif is not null)
                sr.OifId = LinkByName.TryGetValue(r.Oif, out int d) ? d : SimRule.Detached;
            uint t = r.Table ?? RouteTableId.Main;
            if (t == RouteTableId.Unspec) t = RouteTableId.Main;
            sr.TableId = t;
            sr.Table = tables.TryGetValue(t, out var table) ? table : null;
            result[i] = sr;
        }
        for (int i = 0; i < rules.Count; i++)
        {
            if (rules[i].Action != RuleAction.Goto || rules[i].Goto is not uint target)
                continue;
            // ctarget: the first rule with the target priority; only forward jumps exist.
            for (int j = i + 1; j < rules.Count; j++)
                if (rules[j].Priority == target) { result[i].GotoIndex = j; break; }
        }
        return result;
    }

    /// <summary>The default rule that stands for a table in the merged fast path.</summary>
    public Rule? DefaultRuleFor(uint table)
    {
        foreach (var r in Rules4)
            if (r.Model.Action == RuleAction.Lookup && r.TableId == table)
                return r.Model;
        return null;
    }
}
