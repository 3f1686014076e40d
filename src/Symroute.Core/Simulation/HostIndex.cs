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
                // __ip_dev_find walks inet_addr_lst, where each address is added at the head of its
                // hash chain: of one address on several devices the newest wins. Creation order across
                // devices is not in the dumps; the later device (in ifindex order) stands for it.
                Local4[sa.Local] = dev;
                LocalIp4.TryAdd(sa.Local, sa.Ip);
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
        List<FibEntry>[] entries4 = [];
        foreach (var family in new[] { Family.Inet, Family.Inet6 })
        {
            var byTable = new Dictionary<uint, List<FibEntry>>();
            foreach (var route in state.Routes)
            {
                if (route.Family != family)
                    continue;
                uint table = route.Table == RouteTableId.Unspec ? RouteTableId.Main : route.Table;
                var list = byTable.TryGetValue(table, out var l) ? l : byTable[table] = new();
                AddEntries(list, route, table);
                if (family == Family.Inet && route.Type == RouteType.Local && route.Protocol != RouteProtocol.Kernel)
                    CustomLocalRoutes = true;
            }
            var tables = family == Family.Inet ? Tables4 : Tables6;
            foreach (var (id, entries) in byTable)
            {
                // With local merged into main, lookups use the merged trie: main alone is only
                // indexed if something asks for it.
                tables[id] = family == Family.Inet && Merged && id == RouteTableId.Main
                    ? new FibTable(id, family, entries.Count, () => GroupAndIndex(family, entries))
                    : BuildTable(id, family, entries);
            }
            if (family == Family.Inet)
                entries4 = [.. byTable.Values];
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

        // nh_saddr of every IPv4 nexthop: inet_select_addr(dev, gateway, route scope). Every entry
        // of every table (the merged one included) is in these lists; a shared single nexthop
        // (one per nexthop and scope) is computed once.
        var shared = new HashSet<FibNexthop[]>(_singleNexthops.Values, ReferenceEqualityComparer.Instance);
        var done = new HashSet<FibNexthop[]>(ReferenceEqualityComparer.Instance);
        foreach (var list in entries4)
            foreach (var e in list)
            {
                if (shared.Contains(e.Nexthops) && !done.Add(e.Nexthops))
                    continue;
                foreach (var nh in e.Nexthops)
                {
                    if (nh.DevId >= 0)
                        nh.Saddr4 = Ipv4SourceSelection.Select(this, nh.DevId, (uint)nh.Gateway, e.Scope, null, 0);
                    if (nh.HasGateway && !nh.Model.IsOnLink && nh.Model.Gateway!.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
                        nh.HostScope = GatewayIsLocal((uint)nh.Gateway, nh.DevId);
                }
            }
    }

    /// <summary>
    /// fib_check_nh_v4_gw: a gateway is resolved when its route is added, by a lookup of scope link
    /// or narrower through the nexthop's device, and the nexthop takes the scope of what it found:
    /// host for a local address of this host. The lookup ran against the tables as they were then,
    /// which no dump shows; the local table (where local addresses live) is what it finds first.
    /// </summary>
    private bool GatewayIsLocal(uint gateway, int dev)
    {
        if (dev < 0 || !Tables4.TryGetValue(RouteTableId.Local, out var local))
            return false;
        int max = 32;
        while (local.Map.TryMatch(gateway, max, out int len, out int gi))
        {
            foreach (var e in local.Groups[gi])
            {
                if (e.Scope < (byte)Scope.Link)
                    continue;
                foreach (var nh in e.Nexthops)
                    if (!nh.Dead && nh.DevId == dev)
                        return e.Type == RouteType.Local;
            }
            if (len == 0)
                break;
            max = len - 1;
        }
        return false;
    }

    public HostState State { get; }

    public TableNames Names { get; }

    public SimLink[] Links { get; }

    public Dictionary<string, int> LinkByName { get; } = new(StringComparer.Ordinal);

    public int LoId { get; }

    /// <summary>IPv4 addresses (ifa_local, any device, secondaries too) to the device __ip_dev_find gives (see above).</summary>
    public Dictionary<uint, int> Local4 { get; } = new();

    /// <summary>The address objects of local IPv4 addresses, so results reuse them instead of allocating.</summary>
    public Dictionary<uint, System.Net.IPAddress> LocalIp4 { get; } = new();

    public System.Net.IPAddress Address4(uint a) => LocalIp4.TryGetValue(a, out var ip) ? ip : AddressBits.ToAddress4(a);

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

    private void AddEntries(List<FibEntry> list, Route route, uint table)
    {
        int count = route.Nexthops.IsDefault ? 0 : route.Nexthops.Length;
        if (count == 1)
        {
            list.Add(new FibEntry(route, table, SingleNexthop(route)));
            return;
        }
        var nexthops = new FibNexthop[count];
        for (int i = 0; i < nexthops.Length; i++)
            nexthops[i] = MakeNexthop(route, route.Nexthops[i], i);
        if (route.Family == Family.Inet6 && nexthops.Length > 1)
        {
            // IPv6 ECMP routes are siblings: separate entries of equal metric, one nexthop each.
            foreach (var nh in nexthops)
                list.Add(new FibEntry(route, table, [nh]) { Siblings = nexthops.Length });
            return;
        }
        list.Add(new FibEntry(route, table, nexthops));
    }

    // Single-path routes through the same nexthop share its FibNexthop (nothing in it depends on
    // the route but nh_saddr, which depends on the route's scope): a full table has a million
    // routes and a handful of nexthops.
    private readonly Dictionary<(Nexthop, byte, Family), FibNexthop[]> _singleNexthops = [];
    private (Nexthop Model, byte Scope, Family Family, FibNexthop[] Array)? _lastSingleNexthop;

    private FibNexthop[] SingleNexthop(Route route)
    {
        var nh = route.Nexthops[0];
        byte scope = (byte)route.Scope;
        if (_lastSingleNexthop is { } last && ReferenceEquals(last.Model, nh) && last.Scope == scope && last.Family == route.Family)
            return last.Array;
        var key = (nh, scope, route.Family);
        if (!_singleNexthops.TryGetValue(key, out var array))
        {
            array = [MakeNexthop(route, nh, 0)];
            if (_singleNexthops.Count < 65536)
                _singleNexthops[key] = array;
        }
        _lastSingleNexthop = (nh, scope, route.Family, array);
        return array;
    }

    private FibNexthop MakeNexthop(Route route, Nexthop nh, int index)
    {
        int dev = nh.Dev is not null && LinkByName.TryGetValue(nh.Dev, out int d) ? d : -1;
        UInt128 gw = nh.Gateway is null ? UInt128.Zero : AddressBits.Bits(nh.Gateway);
        bool dead, linkDown;
        if (dev >= 0)
        {
            // RTNH_F_DEAD as the dump reports it, except the "dead" fib_nexthop_info adds to linkdown
            // nexthops of a device that ignores routes with linkdown: a lookup with IGNORE_LINKSTATE
            // may still use those. A down device alone kills nothing: routes through it are deleted
            // or flagged dead by fib_sync_down_dev / rt6_sync_down_dev, while the local routes of
            // its addresses (IPv4 nh scope nowhere; IPv6 alike) stay alive and keep answering.
            var link = Links[dev];
            bool ignoresLinkdown = route.Family == Family.Inet ? link.Conf4.IgnoreRoutesWithLinkdown : link.Conf6.IgnoreRoutesWithLinkdown;
            dead = nh.IsDead && !(link.Up && nh.IsLinkDown && ignoresLinkdown);
            // RTNH_F_LINKDOWN as dumped: set on carrier loss for every nexthop except those of local
            // routes (nh scope nowhere, skipped by fib_sync_down_dev; RTF_LOCAL by fib6_ifdown).
            linkDown = nh.IsLinkDown;
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
        var (map, groups) = GroupAndIndex(family, entries);
        return new FibTable(id, family, map, groups, entries.Count);
    }

    private static (PrefixMap<int> Map, FibEntry[][] Groups) GroupAndIndex(Family family, List<FibEntry> entries)
    {
        // Group the entries by (prefix, length) by sorting their indexes on that key, without an
        // object per group: a full table has a million groups of one. Equal keys end up adjacent
        // and are put back in insertion order before the alias order is applied.
        int n = entries.Count;
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        ulong[]? keys4 = null;
        UInt128[]? keys6 = null;
        if (family == Family.Inet)
        {
            keys4 = new ulong[n];
            bool sorted = true;
            for (int i = 0; i < n; i++)
            {
                var e = entries[i];
                uint bits = AddressBits.V4(e.Route.Dst.Address) & AddressBits.Mask4(e.PrefixLength);
                keys4[i] = ((ulong)bits << 8) | (uint)e.PrefixLength;
                sorted &= i == 0 || keys4[i - 1] <= keys4[i];
            }
            if (!sorted)
                Array.Sort(keys4, order);
        }
        else
        {
            keys6 = new UInt128[n];
            var lengths = new byte[n];
            for (int i = 0; i < n; i++)
            {
                var e = entries[i];
                keys6[i] = AddressBits.V6(e.Route.Dst.Address) & AddressBits.Mask6(e.PrefixLength);
                lengths[i] = (byte)e.PrefixLength;
            }
            Array.Sort(order, (a, b) =>
            {
                int c = keys6[a].CompareTo(keys6[b]);
                return c != 0 ? c : lengths[a].CompareTo(lengths[b]);
            });
        }

        var groups = new List<FibEntry[]>();
        var addresses4 = new List<uint>();
        var addresses6 = new List<UInt128>();
        var prefixLengths = new List<byte>();
        for (int start = 0; start < n;)
        {
            int end = start + 1;
            if (keys4 is not null)
                while (end < n && keys4[end] == keys4[start]) end++;
            else
                while (end < n && keys6![order[end]] == keys6[order[start]] && entries[order[end]].PrefixLength == entries[order[start]].PrefixLength) end++;
            var group = new FibEntry[end - start];
            if (group.Length == 1)
                group[0] = entries[order[start]];
            else
            {
                Array.Sort(order, start, end - start);
                for (int i = 0; i < group.Length; i++)
                    group[i] = entries[order[start + i]];
                // Stable: insertion order among equals. IPv4 aliases of the same table sort by tos
                // descending then metric; in the merged trie, local's aliases precede main's.
                group = family == Family.Inet
                    ? group.OrderByDescending(e => e.TableId).ThenByDescending(e => e.Tos).ThenBy(e => e.Metric).ToArray()
                    : group.OrderBy(e => e.Metric).ToArray();
            }
            var first = entries[order[start]];
            if (keys4 is not null)
                addresses4.Add((uint)(keys4[start] >> 8));
            else
                addresses6.Add(keys6![order[start]]);
            prefixLengths.Add((byte)first.PrefixLength);
            groups.Add(group);
            start = end;
        }

        var values = new int[groups.Count];
        for (int i = 0; i < values.Length; i++) values[i] = i;
        var map = family == Family.Inet
            ? PrefixMap<int>.Build4(addresses4.ToArray(), prefixLengths.ToArray(), values)
            : PrefixMap<int>.Build6(addresses6.ToArray(), prefixLengths.ToArray(), values);
        return (map, groups.ToArray());
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
