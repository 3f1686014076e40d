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
    /// <param name="state">The host.</param>
    /// <param name="scanThreshold">Tables with at least this many routes are scanned before they are indexed (tests lower it).</param>
    public HostIndex(HostState state, int scanThreshold = DefaultScanThreshold)
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

        // Tables: the routes of each table and family in one pass, then their entries and tries
        // built on every core (a full-table host has a million routes in one or two tables).
        var routes4 = new Dictionary<uint, List<Route>>();
        var routes6 = new Dictionary<uint, List<Route>>();
        List<Route>? current = null;
        uint currentTable = 0;
        Family currentFamily = Family.Inet;
        foreach (var route in state.Routes)
        {
            if (route.Family is not (Family.Inet or Family.Inet6))
                continue;
            uint table = route.Table == RouteTableId.Unspec ? RouteTableId.Main : route.Table;
            if (current is null || table != currentTable || route.Family != currentFamily)
            {
                var byTable = route.Family == Family.Inet ? routes4 : routes6;
                if (!byTable.TryGetValue(table, out current))
                    byTable[table] = current = new();
                currentTable = table;
                currentFamily = route.Family;
            }
            current.Add(route);
            if (route.Family == Family.Inet && route.Type == RouteType.Local && route.Protocol != RouteProtocol.Kernel)
                CustomLocalRoutes = true;
        }
        // A table of scanThreshold routes or more (a full Internet table) is answered by scanning
        // its routes until it is asked often enough to pay for its entries and index (FibTable,
        // FibScan): a check or a single route get asks it a few questions.
        var scanned4 = TakeScanned(routes4, scanThreshold);
        var scanned6 = TakeScanned(routes6, scanThreshold);
        var entries4 = BuildEntries(routes4);
        var entries6 = BuildEntries(routes6);
        foreach (var (id, routes) in scanned6)
            Tables6[id] = ScannedTable(id, Family.Inet6, [(routes, id)], scan: true);
        foreach (var (id, routes) in scanned4)
        {
            // Main beside the merged trie is rarely asked: indexed then, never scanned.
            Tables4[id] = ScannedTable(id, Family.Inet, [(routes, id)], scan: !(Merged && id == RouteTableId.Main));
        }
        if (Merged && scanned4.TryGetValue(RouteTableId.Main, out var bigMain))
        {
            MergedMain = ScannedTable(RouteTableId.Main, Family.Inet,
                [(routes4.TryGetValue(RouteTableId.Local, out var localRoutes) ? localRoutes : [], RouteTableId.Local), (bigMain, RouteTableId.Main)], scan: true);
        }

        var builds = new List<(Family Family, uint Id, List<FibEntry> Entries)>();
        foreach (var (id, entries) in entries4)
        {
            // With local merged into main, lookups use the merged trie: main alone is only
            // indexed if something asks for it.
            if (Merged && id == RouteTableId.Main)
                Tables4[id] = new FibTable(id, Family.Inet, () => GroupAndIndex(Family.Inet, entries));
            else
                builds.Add((Family.Inet, id, entries));
        }
        foreach (var (id, entries) in entries6)
            builds.Add((Family.Inet6, id, entries));
        const uint mergedId = uint.MaxValue;
        if (Merged && MergedMain is null)
        {
            // fib_trie keeps local aliases in main's trie until the first custom rule; within one
            // prefix, aliases of the higher table id (local) come first (fib_insert_alias).
            var merged = new List<FibEntry>();
            if (entries4.TryGetValue(RouteTableId.Local, out var local)) merged.AddRange(local);
            if (entries4.TryGetValue(RouteTableId.Main, out var main)) merged.AddRange(main);
            builds.Add((Family.Inet, mergedId, merged));
        }
        builds.Sort((a, b) => b.Entries.Count.CompareTo(a.Entries.Count));
        var built = new FibTable[builds.Count];
        Parallel.For(0, builds.Count, i =>
        {
            var (family, id, entries) = builds[i];
            built[i] = BuildTable(id == mergedId ? RouteTableId.Main : id, family, entries);
        });
        for (int i = 0; i < builds.Count; i++)
        {
            var (family, id, _) = builds[i];
            if (id == mergedId)
                MergedMain = built[i];
            else
                (family == Family.Inet ? Tables4 : Tables6)[id] = built[i];
        }

        Rules4 = BuildRules(rules4, Tables4);
        Rules6 = BuildRules(rules6, Tables6);
        // fib_rule_requires_fldissect: input lookups dissect protocol and ports only when a rule not
        // bound to iif lo selects on them.
        RequireFlowDissect4 = Rules4.Any(r => r.Model.Iif != "lo" && (r.Model.IpProto is not null || r.Model.SPort is not null || r.Model.DPort is not null));

        // nh_saddr of every IPv4 nexthop: inet_select_addr(dev, gateway, route scope). Each nexthop
        // array is computed once: a shared single nexthop (one per nexthop and scope) serves many
        // entries, all of that scope.
        foreach (var cache in _caches)
            foreach (var (nexthops, scope) in cache.Ipv4Arrays)
                ResolveNexthops4(nexthops, scope);
    }

    /// <summary>nh_saddr and the gateway's scope of one IPv4 nexthop array, once all tables exist.</summary>
    private void ResolveNexthops4(FibNexthop[] nexthops, byte scope)
    {
        foreach (var nh in nexthops)
        {
            if (nh.DevId >= 0)
                nh.Saddr4 = Ipv4SourceSelection.Select(this, nh.DevId, (uint)nh.Gateway, scope, null, 0);
            if (nh.HasGateway && !nh.Model.IsOnLink && nh.Model.Gateway!.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
                nh.HostScope = GatewayIsLocal((uint)nh.Gateway, nh.DevId);
        }
    }

    /// <summary>Routes from which a table is scanned before it is indexed: below it, indexing costs less than a scan.</summary>
    public const int DefaultScanThreshold = 65536;

    /// <summary>Removes and returns the tables to scan; local stays indexed: nexthops resolve their gateways in it (GatewayIsLocal).</summary>
    private static Dictionary<uint, List<Route>> TakeScanned(Dictionary<uint, List<Route>> byTable, int threshold)
    {
        var scanned = new Dictionary<uint, List<Route>>();
        foreach (var (id, routes) in byTable)
            if (routes.Count >= threshold && id != RouteTableId.Local)
                scanned[id] = routes;
        foreach (var id in scanned.Keys)
            byTable.Remove(id);
        return scanned;
    }

    /// <summary>Makes entries after construction (scanned tables): one thread at a time, with their own shared nexthops.</summary>
    private readonly object _lazyEntries = new();
    private readonly NexthopCache _lazyCache = new();
    private int _lazyResolved;

    /// <summary>
    /// A table answered by scanning the destinations of its routes (<paramref name="segments"/>, in
    /// list order, each with the table its entries belong to) until it builds its index; without
    /// <paramref name="scan"/>, indexed on its first lookup.
    /// </summary>
    private FibTable ScannedTable(uint id, Family family, (List<Route> Routes, uint Table)[] segments, bool scan)
    {
        int n = 0;
        foreach (var (routes, _) in segments)
            n += routes.Count;
        // The entries made for each route position: the index, when it is built, reuses those the
        // scans made, so that an entry a lookup returned stays the same object (lookups compare them).
        var made = new Dictionary<int, (int Start, int Count, List<FibEntry> List)>();
        List<FibEntry> Entries(IEnumerable<int> positions, int capacity, bool remember)
        {
            lock (_lazyEntries)
            {
                var list = new List<FibEntry>(capacity);
                var fresh = new List<FibEntry>();
                foreach (int p in positions)
                {
                    if (made.TryGetValue(p, out var m))
                    {
                        for (int j = 0; j < m.Count; j++)
                            list.Add(m.List[m.Start + j]);
                        continue;
                    }
                    int k = p, s = 0;
                    while (k >= segments[s].Routes.Count)
                        k -= segments[s++].Routes.Count;
                    int start = fresh.Count;
                    AddEntries(fresh, segments[s].Routes[k], segments[s].Table, _lazyCache);
                    if (remember)
                        made[p] = (start, fresh.Count - start, fresh);
                    for (int j = start; j < fresh.Count; j++)
                        list.Add(fresh[j]);
                }
                var arrays = _lazyCache.Ipv4Arrays;
                for (; _lazyResolved < arrays.Count; _lazyResolved++)
                    ResolveNexthops4(arrays[_lazyResolved].Array, arrays[_lazyResolved].Scope);
                return list;
            }
        }
        if (!scan)
            return new FibTable(id, family, () => GroupAndIndex(family, Entries(Enumerable.Range(0, n), n, remember: false)));

        var lengths = new byte[n];
        uint[]? keys4 = family == Family.Inet ? new uint[n] : null;
        UInt128[]? keys6 = family == Family.Inet6 ? new UInt128[n] : null;
        int i = 0;
        foreach (var (routes, _) in segments)
            foreach (var route in routes)
            {
                int len = route.Dst.Length;
                lengths[i] = (byte)len;
                if (keys4 is not null)
                    keys4[i] = AddressBits.V4(route.Dst.Address) & AddressBits.Mask4(len);
                else
                    keys6![i] = AddressBits.V6(route.Dst.Address) & AddressBits.Mask6(len);
                i++;
            }
        var scanner = new FibScan(family, keys4, keys6, lengths, positions => AliasOrder(family, [.. Entries(positions, positions.Length, remember: true)]));
        return new FibTable(id, family, scanner, () => GroupAndIndex(family, Entries(Enumerable.Range(0, n), n, remember: false)));
    }

    /// <summary>
    /// The entries of one prefix, given in insertion order, in the order lookups try them. Stable:
    /// insertion order among equals. IPv4 aliases of the same table sort by tos descending then
    /// metric; in the merged trie, local's aliases precede main's. IPv6 by metric.
    /// </summary>
    private static FibEntry[] AliasOrder(Family family, FibEntry[] group) =>
        group.Length < 2 ? group
        : family == Family.Inet
            ? group.OrderByDescending(e => e.TableId).ThenByDescending(e => e.Tos).ThenBy(e => e.Metric).ToArray()
            : group.OrderBy(e => e.Metric).ToArray();

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
        while (local.TryMatch(gateway, max, out int len, out var group))
        {
            foreach (var e in group)
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

    /// <summary>Below this many routes a table's entries are made by one thread.</summary>
    private const int EntryChunk = 1 << 17;

    private readonly List<NexthopCache> _caches = [];

    /// <summary>The entries of each table, in route order, made in chunks on every core.</summary>
    private Dictionary<uint, List<FibEntry>> BuildEntries(Dictionary<uint, List<Route>> byTable)
    {
        var chunks = new List<(uint Table, List<Route> Routes, int Start, int End)>();
        foreach (var (id, routes) in byTable)
            for (int start = 0; start < routes.Count; start += EntryChunk)
                chunks.Add((id, routes, start, Math.Min(routes.Count, start + EntryChunk)));
        var parts = new List<FibEntry>[chunks.Count];
        var caches = new NexthopCache[chunks.Count];
        Parallel.For(0, chunks.Count, i =>
        {
            var (table, routes, start, end) = chunks[i];
            var cache = caches[i] = new NexthopCache();
            var list = parts[i] = new List<FibEntry>(end - start);
            for (int k = start; k < end; k++)
                AddEntries(list, routes[k], table, cache);
        });
        _caches.AddRange(caches);
        var result = new Dictionary<uint, List<FibEntry>>();
        for (int i = 0; i < chunks.Count; i++)
        {
            var (table, routes, start, end) = chunks[i];
            if (start == 0 && end == routes.Count)
            {
                result[table] = parts[i];
                continue;
            }
            if (start == 0)
                result[table] = new List<FibEntry>(routes.Count);
            result[table].AddRange(parts[i]);
        }
        return result;
    }

    private void AddEntries(List<FibEntry> list, Route route, uint table, NexthopCache cache)
    {
        int count = route.Nexthops.IsDefault ? 0 : route.Nexthops.Length;
        if (count == 1)
        {
            list.Add(new FibEntry(route, table, SingleNexthop(route, cache)));
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
        if (route.Family == Family.Inet)
            cache.Ipv4Arrays.Add((nexthops, (byte)route.Scope));
        list.Add(new FibEntry(route, table, nexthops));
    }

    /// <summary>
    /// One thread's shared single nexthops. Single-path routes through the same nexthop share its
    /// FibNexthop (nothing in it depends on the route but nh_saddr, which depends on the route's
    /// scope): a full table has a million routes and a handful of nexthops.
    /// </summary>
    private sealed class NexthopCache
    {
        public readonly Dictionary<(Nexthop, byte, Family), FibNexthop[]> Single = [];
        public (Nexthop Model, byte Scope, Family Family, FibNexthop[] Array)? Last;

        /// <summary>Every IPv4 nexthop array made, with the scope of its routes (for nh_saddr).</summary>
        public readonly List<(FibNexthop[] Array, byte Scope)> Ipv4Arrays = [];
    }

    private FibNexthop[] SingleNexthop(Route route, NexthopCache cache)
    {
        var nh = route.Nexthops[0];
        byte scope = (byte)route.Scope;
        if (cache.Last is { } last && ReferenceEquals(last.Model, nh) && last.Scope == scope && last.Family == route.Family)
            return last.Array;
        var key = (nh, scope, route.Family);
        if (!cache.Single.TryGetValue(key, out var array))
        {
            array = [MakeNexthop(route, nh, 0)];
            if (cache.Single.Count < 65536)
                cache.Single[key] = array;
            if (route.Family == Family.Inet)
                cache.Ipv4Arrays.Add((array, scope));
        }
        cache.Last = (nh, scope, route.Family, array);
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
        return new FibTable(id, family, GroupAndIndex(family, entries));
    }

    private static PrefixMap<FibEntry[]> GroupAndIndex(Family family, List<FibEntry> entries)
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
                SortRuns(keys4, order);
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
                group = AliasOrder(family, group);
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

        var values = groups.ToArray();
        return family == Family.Inet
            ? PrefixMap<FibEntry[]>.Build4(addresses4.ToArray(), prefixLengths.ToArray(), values)
            : PrefixMap<FibEntry[]>.Build6(addresses6.ToArray(), prefixLengths.ToArray(), values);
    }

    /// <summary>
    /// Sorts <paramref name="keys"/> with <paramref name="order"/> alongside (ties in any order).
    /// Tables come from dumps in trie order, so the merged local/main list is a few sorted runs:
    /// merged in linear passes rather than sorted from scratch.
    /// </summary>
    internal static void SortRuns(ulong[] keys, int[] order)
    {
        int n = keys.Length;
        var runs = new List<int> { 0 };
        for (int i = 1; i < n; i++)
        {
            if (keys[i - 1] > keys[i])
            {
                runs.Add(i);
                if (runs.Count > 16)
                {
                    Array.Sort(keys, order);
                    return;
                }
            }
        }
        runs.Add(n);
        var k1 = keys;
        var o1 = order;
        var k2 = new ulong[n];
        var o2 = new int[n];
        while (runs.Count > 2)
        {
            var next = new List<int> { 0 };
            for (int r = 0; r + 1 < runs.Count; r += 2)
            {
                int a = runs[r], m = runs[r + 1], b = r + 2 < runs.Count ? runs[r + 2] : m;
                int i = a, j = m, o = a;
                while (i < m && j < b)
                {
                    if (k1[i] <= k1[j]) { k2[o] = k1[i]; o2[o++] = o1[i++]; }
                    else { k2[o] = k1[j]; o2[o++] = o1[j++]; }
                }
                while (i < m) { k2[o] = k1[i]; o2[o++] = o1[i++]; }
                while (j < b) { k2[o] = k1[j]; o2[o++] = o1[j++]; }
                next.Add(b);
            }
            (k1, k2) = (k2, k1);
            (o1, o2) = (o2, o1);
            runs = next;
        }
        if (!ReferenceEquals(k1, keys))
        {
            Array.Copy(k1, keys, n);
            Array.Copy(o1, order, n);
        }
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
}
