using System.Collections.Immutable;
using System.Net;
using Symroute.Model;

namespace Symroute.Planning;

/// <summary>
/// Computes the fix for a host: from its state and a strategy, the desired tables, routes, rules,
/// sysctls and connection marks, each compared with what the host has (Keep / Add / Remove) and
/// explained. Pure and deterministic: the same state and options give the same plan, and a host
/// that already carries the plan gives a plan of Keeps only.
/// </summary>
public static class Planner
{
    public static Plan Create(HostState host, PlanOptions options)
    {
        var notes = new List<PlanNote>();
        var overlap = SubnetSharing.OverlapReason(host);
        if (overlap is not null)
            return Plan.Refused(options.Strategy ?? Strategy.SourceRules, options.Strategy is null, overlap);

        var owned = Ownership.OwnedTables(host.TableNames);
        var found = UplinkFinder.Find(host, options, notes);
        // The strategy and main's extra routes are judged on every uplink, whatever --interface selects.
        var all = options.Interfaces.IsDefaultOrEmpty ? found : UplinkFinder.Find(host, options with { Interfaces = default }, []);
        var (strategy, reason) = options.Strategy is { } asked
            ? (asked, AskedReason(asked))
            : StrategyChooser.Choose(host, all);
        var ids = TableAllocator.Allocate(host, found, owned);
        var uplinks = found.Select(u => u with { Table = ids[u.Dev] }).ToImmutableArray();
        var builder = new PlanBuilder(host, options, owned, uplinks, all, notes);

        switch (strategy)
        {
            case Strategy.SourceRules:
            case Strategy.MainFirst:
            case Strategy.Connmark:
                builder.SourceTables(mainFirst: strategy != Strategy.SourceRules, connmark: strategy == Strategy.Connmark);
                break;
            case Strategy.LooseRpFilter:
                builder.LooseRpFilter();
                break;
            case Strategy.OneGateway:
                builder.OneGateway();
                break;
        }
        builder.ArpSysctls();
        builder.PruneStale(strategy);
        return builder.Build(strategy, options.Strategy is null, reason);
    }

    private static string AskedReason(Strategy s) => s switch
    {
        Strategy.LooseRpFilter =>
            "asked for with --strategy loose-rp-filter: a stop-gap that only stops this host's own reverse-path drops; " +
            "replies still leave by the wrong interface and upstream firewalls still drop them",
        Strategy.OneGateway =>
            "asked for with --strategy one-gateway: only one default gateway stays; the other interfaces keep static routes to the networks they must reach",
        _ => $"asked for with --strategy {StrategyNames.Format(s)}",
    };

    /// <summary>The mutable work of one planning run.</summary>
    private sealed class PlanBuilder(
        HostState host,
        PlanOptions options,
        IReadOnlyDictionary<uint, string> owned,
        ImmutableArray<Uplink> uplinks,
        ImmutableArray<Uplink> allUplinks,
        List<PlanNote> notes)
    {
        private readonly PriorityAllocator _prio = new(host, owned);
        private readonly List<PlannedTable> _tables = [];
        private readonly List<PlannedRoute> _routes = [];
        private readonly List<PlannedRule> _rules = [];
        private readonly List<PlannedSysctl> _sysctls = [];
        private readonly List<PlannedConnmark> _connmarks = [];
        private readonly HashSet<Rule> _keptRules = [];
        private ImmutableArray<Uplink> _uplinks = uplinks;

        public void SourceTables(bool mainFirst, bool connmark)
        {
            var tabled = _uplinks.Where(u => u.Gateway4 is not null || u.Gateway6 is not null).ToList();
            int v4 = tabled.Count(u => u.Gateway4 is not null && Addrs(u, Family.Inet).Any());
            int v6 = tabled.Count(u => u.Gateway6 is not null && Addrs(u, Family.Inet6).Any());
            if (v4 < 2 && v6 < 2 && options.Interfaces.IsDefaultOrEmpty)
            {
                notes.Add(new PlanNote(PlanNoteLevel.Info,
                    "fewer than two interfaces with a gateway of their own: replies have only one way out, there is nothing to separate"));
                return;
            }

            if (mainFirst)
            {
                var extra = StrategyChooser.ExtraMainRoutes(host, allUplinks);
                string why = extra.Count > 0
                    ? $"specific routes in main ({string.Join(", ", extra.Take(3).Select(StrategyChooser.Describe))}{(extra.Count > 3 ? ", …" : "")}) still win; only main's default route is skipped, so the source tables decide where replies leave"
                    : "specific routes in main still win over the per-interface tables; only main's default route is skipped";
                if (v4 > 0 || tabled.Any(u => u.Gateway4 is not null))
                    AddRule(new Rule(Family.Inet, 0, RuleAction.Lookup, Table: RouteTableId.Main, SuppressPrefixLength: 0, Protocol: Ownership.Protocol), null, RulePurpose.MainFirst, why);
                if (tabled.Any(u => u.Gateway6 is not null && Addrs(u, Family.Inet6).Any()))
                    AddRule(new Rule(Family.Inet6, 0, RuleAction.Lookup, Table: RouteTableId.Main, SuppressPrefixLength: 0, Protocol: Ownership.Protocol), null, RulePurpose.MainFirst, why);
            }

            if (connmark)
                Connmarks(tabled);

            foreach (var u in tabled)
                UplinkTable(u);
            NoteUnassignedPrefixes();
        }

        private void UplinkTable(Uplink u)
        {
            string name = Ownership.TableName(u.Dev);
            bool named = host.TableNames.Names.TryGetValue(u.Table, out var existing) && existing == name;
            _tables.Add(new PlannedTable(u.Table, name, u.Dev, named ? ChangeKind.Keep : ChangeKind.Add,
                $"replies from {u.Dev}'s addresses are routed by a table of {u.Dev}'s own"));

            var v4 = Addrs(u, Family.Inet).ToList();
            if (u.Gateway4 is { } gw4 && v4.Count > 0)
            {
                foreach (var a in v4.Where(a => !a.IsSecondary && a.PrefixLength < 32))
                {
                    var subnet = a.Subnet;
                    AddRoute(new Route(Family.Inet, u.Table, RouteType.Unicast, subnet, [new Nexthop(null, u.Dev)],
                        Scope.Link, Ownership.Protocol, PrefSrc: a.Local), u.Dev,
                        $"on-link peers in {subnet} are reached directly on {u.Dev}, with source {a.Local}");
                }
                AddRoute(new Route(Family.Inet, u.Table, RouteType.Unicast, IpPrefix.Default(Family.Inet), [new Nexthop(gw4, u.Dev)],
                    Scope.Global, Ownership.Protocol), u.Dev,
                    $"replies from {u.Dev}'s addresses to off-link clients leave by {u.Dev}'s own gateway {gw4} ({u.Gateway4Source})");
                if (u.Dhcp4)
                {
                    foreach (var subnet in v4.Select(a => a.Subnet).Distinct())
                        AddRule(SourceRule(Family.Inet, subnet, u.Table), u.Dev, RulePurpose.Source,
                            $"{u.Dev}'s address comes from DHCP and may change: the rule names its subnet {subnet}, which follows the lease as long as it stays in that subnet");
                    notes.Add(new PlanNote(PlanNoteLevel.Warning,
                        $"{u.Dev} is configured by DHCP: the gateway {gw4} and subnet in its table are the current lease's. Backends that can follow the lease do (networkd Gateway=_dhcp4); elsewhere re-run symroute plan when the lease moves to another subnet or gateway."));
                }
                else
                {
                    foreach (var a in v4)
                    {
                        bool vip = IsVip(a, v4);
                        AddRule(SourceRule(Family.Inet, new IpPrefix(a.Local, 32), u.Table), u.Dev, vip ? RulePurpose.Vip : RulePurpose.Source,
                            vip
                                ? $"replies from the floating address {a.Local} (a VIP) use {u.Dev}'s table; the rule is harmless while the address is on another host"
                                : $"replies from {a.Local}{(a.IsSecondary ? " (secondary)" : "")} use {u.Dev}'s table");
                    }
                }
                foreach (var p in RoutedPrefixes(Family.Inet).Where(p => v4.Any(a => a.Subnet.Contains(p))))
                    AddRule(SourceRule(Family.Inet, p, u.Table), u.Dev, RulePurpose.Source,
                        $"replies from the routed prefix {p} (local on this host, inside {u.Dev}'s subnet) use {u.Dev}'s table");
            }

            var v6 = Addrs(u, Family.Inet6).ToList();
            if (u.Gateway6 is { } gw6 && v6.Count > 0)
            {
                var prefixes = v6.Select(a => a.Subnet).Distinct().ToList();
                foreach (var p in prefixes.Where(p => !p.IsHost))
                    AddRoute(new Route(Family.Inet6, u.Table, RouteType.Unicast, p, [new Nexthop(null, u.Dev)],
                        Scope.Global, Ownership.Protocol, Metric: 256), u.Dev,
                        $"on-link peers in {p} are reached directly on {u.Dev}");
                AddRoute(new Route(Family.Inet6, u.Table, RouteType.Unicast, IpPrefix.Default(Family.Inet6), [new Nexthop(gw6, u.Dev)],
                    Scope.Global, Ownership.Protocol, Metric: 1024), u.Dev,
                    $"IPv6 replies from {u.Dev}'s prefixes leave by {u.Dev}'s own router {gw6} ({u.Gateway6Source})");
                foreach (var p in prefixes)
                    AddRule(SourceRule(Family.Inet6, p, u.Table), u.Dev, RulePurpose.Source,
                        p.IsHost
                            ? $"replies from {p.Address} use {u.Dev}'s table"
                            : $"replies from any address in {p} use {u.Dev}'s table (a prefix, since temporary and SLAAC addresses rotate)");
            }
        }

        /// <summary>Prefixes the host answers for as a whole (AnyIP: <c>local PREFIX dev lo</c> in table local), loopback excepted.</summary>
        private IEnumerable<IpPrefix> RoutedPrefixes(Family family) =>
            host.Routes.Where(r => r.Family == family && r.Table == RouteTableId.Local && r.Type == RouteType.Local
                    && !r.Dst.IsHost && !System.Net.IPAddress.IsLoopback(r.Dst.Address))
                .Select(r => r.Dst.Network());

        /// <summary>Routed prefixes no uplink's subnet contains: symroute cannot tell which uplink they arrive by.</summary>
        public void NoteUnassignedPrefixes()
        {
            foreach (var p in RoutedPrefixes(Family.Inet).Concat(RoutedPrefixes(Family.Inet6)))
                if (!_uplinks.Any(u => u.Addresses.Any(a => a.Family == p.Family && a.Subnet.Contains(p))))
                    notes.Add(new PlanNote(PlanNoteLevel.Info,
                        $"the routed prefix {p} is local on this host but lies in no interface's subnet: symroute cannot tell which uplink it is routed over, so it gets no rule; add one with `ip rule add from {p} lookup TABLE`"));
        }

        /// <summary>Whether symroute's own table already marks new connections on <paramref name="dev"/> and restores <paramref name="mark"/> in prerouting (forwarded replies) and output (the host's own).</summary>
        private static bool ConnmarkInPlace(Firewall? fw, string dev, uint mark)
        {
            if (fw is null) return false;
            var mine = fw.MarkRules.Where(m => m.Family == "inet" && m.Table == Ownership.NftTable).ToList();
            bool Restores(string hook) => mine.Any(m => m.Kind == MarkRuleKind.RestoreMark && m.Value == mark && m.Hooks.Contains(hook));
            return mine.Any(m => m.Kind == MarkRuleKind.SetConnmark && m.Value == mark && m.Iif == dev && !m.IifNot && m.NewOnly && m.Hooks.Contains("prerouting"))
                && Restores("prerouting") && Restores("output");
        }

        private void Connmarks(List<Uplink> tabled)
        {
            var usedMarks = new HashSet<uint>();
            var marks = new Dictionary<string, uint>();
            foreach (var u in tabled)
            {
                var existing = host.Rules.FirstOrDefault(r => Ownership.IsOwned(r, owned) && r.FwMark is not null && r.Table == u.Table);
                if (existing?.FwMark is uint m && usedMarks.Add(m))
                    marks[u.Dev] = m;
            }
            int n = 1;
            foreach (var u in tabled)
            {
                if (marks.ContainsKey(u.Dev))
                    continue;
                while (!usedMarks.Add(Ownership.MarkFor(n))) n++;
                marks[u.Dev] = Ownership.MarkFor(n);
            }
            for (int i = 0; i < _uplinks.Length; i++)
                if (marks.TryGetValue(_uplinks[i].Dev, out var mk))
                    _uplinks = _uplinks.SetItem(i, _uplinks[i] with { Mark = mk });

            foreach (var u in tabled)
            {
                uint mark = marks[u.Dev];
                string why = $"connections that arrived on {u.Dev} carry mark 0x{mark:x} and are answered through {u.Dev}'s table, also when forwarded or DNAT'd";
                _connmarks.Add(new PlannedConnmark(u.Dev, mark, Ownership.MarkMask, u.Table,
                    $"new connections arriving on {u.Dev} are marked 0x{mark:x}; the mark is restored on every packet of the connection",
                    ConnmarkInPlace(host.Firewall, u.Dev, mark) ? ChangeKind.Keep : ChangeKind.Add));
                if (u.Gateway4 is not null)
                    AddRule(new Rule(Family.Inet, 0, RuleAction.Lookup, Table: u.Table, FwMark: mark, FwMask: Ownership.MarkMask, Protocol: Ownership.Protocol), u.Dev, RulePurpose.Connmark, why);
                if (u.Gateway6 is not null && Addrs(u, Family.Inet6).Any())
                    AddRule(new Rule(Family.Inet6, 0, RuleAction.Lookup, Table: u.Table, FwMark: mark, FwMask: Ownership.MarkMask, Protocol: Ownership.Protocol), u.Dev, RulePurpose.Connmark, why);
            }
            var all = host.Sysctls.Ipv4For("all");
            _sysctls.Add(new PlannedSysctl("net.ipv4.conf.all.src_valid_mark", 1, all.SrcValidMark,
                all.SrcValidMark == 1 ? ChangeKind.Keep : ChangeKind.Add,
                "the reverse-path check of packets arriving on an uplink must see their mark, or strict rp_filter drops forwarded connections the mark routes back correctly"));
        }

        public void LooseRpFilter()
        {
            var all = host.Sysctls.Ipv4For("all");
            foreach (var link in host.Links.OrderBy(l => l.Index))
            {
                if (link.IsLoopback || !options.Selects(link.Name))
                    continue;
                if (!host.Addresses.Any(a => a.Dev == link.Name && a.Family == Family.Inet && UplinkFinder.IsUsable(a)))
                    continue;
                var dev = host.Sysctls.Ipv4For(link.Name);
                int? effective = all.RpFilter is null && dev.RpFilter is null ? null : Math.Max(all.RpFilter ?? 0, dev.RpFilter ?? 0);
                if (effective is 0)
                    continue;
                _sysctls.Add(new PlannedSysctl($"net.ipv4.conf.{link.Name}.rp_filter", 2, dev.RpFilter,
                    effective == 2 ? ChangeKind.Keep : ChangeKind.Add,
                    $"loose reverse-path filtering on {link.Name} (the effective value is the maximum of conf.all and conf.{link.Name})",
                    "STOP-GAP: this only stops this host's own rp_filter drops. Replies still leave by the wrong interface, stateful firewalls upstream still drop them, and anti-spoofing is weaker. Replace it with --strategy source-rules."));
            }
            notes.Add(new PlanNote(PlanNoteLevel.Warning,
                "loose-rp-filter is a stop-gap, not a fix: the asymmetric replies remain; use it to confirm a diagnosis, then plan source-rules"));
        }

        public void OneGateway()
        {
            foreach (var family in new[] { Family.Inet, Family.Inet6 })
            {
                var defaults = host.Routes
                    .Where(r => r.Family == family && r.Table == RouteTableId.Main && r.Dst.IsDefault && r.Type == RouteType.Unicast
                        && r.FirstNexthop is { Gateway: not null })
                    .OrderBy(StateMatch.EffectiveMetric)
                    .ToList();
                if (defaults.Count < 2)
                    continue;
                var keep = defaults[0];
                foreach (var r in defaults.Skip(1))
                {
                    var nh = r.FirstNexthop!;
                    if (nh.Dev is null || !options.Selects(nh.Dev) || nh.Dev == keep.FirstNexthop!.Dev)
                        continue;
                    _routes.Add(new PlannedRoute(r, nh.Dev, ChangeKind.Remove,
                        $"only the default via {keep.FirstNexthop!.Gateway} dev {keep.FirstNexthop.Dev} (lowest metric) stays; {nh.Dev} keeps static routes to the networks it must reach"));
                    if (family == Family.Inet6 && r.Protocol == RouteProtocol.Ra)
                    {
                        var conf = host.Sysctls.Ipv6For(nh.Dev);
                        _sysctls.Add(new PlannedSysctl($"net.ipv6.conf.{nh.Dev}.accept_ra_defrtr", 0, conf.AcceptRaDefrtr,
                            conf.AcceptRaDefrtr == 0 ? ChangeKind.Keep : ChangeKind.Add,
                            $"router advertisements on {nh.Dev} would install the removed default route again"));
                    }
                    if (r.Protocol == RouteProtocol.Dhcp)
                        notes.Add(new PlanNote(PlanNoteLevel.Warning,
                            $"the default via {nh.Gateway} dev {nh.Dev} comes from DHCP: the backend must be told not to install it (rendered where it can be), or it returns with the next lease"));
                    var reach = options.Reach.IsDefault ? [] : options.Reach.Where(kv => kv.Key == nh.Dev && kv.Value.Family == family).Select(kv => kv.Value).ToList();
                    foreach (var p in reach)
                        AddRoute(new Route(family, RouteTableId.Main, RouteType.Unicast, p.Network(), [new Nexthop(nh.Gateway, nh.Dev)],
                            Scope.Global, Ownership.Protocol, Metric: family == Family.Inet6 ? 1024u : null), nh.Dev,
                            $"{p.Network()} is still reached through {nh.Dev}'s gateway {nh.Gateway} (--reach)");
                    if (reach.Count == 0)
                        notes.Add(new PlanNote(PlanNoteLevel.Warning,
                            $"without a default route {nh.Dev} answers only on-link peers: give the networks its clients come from with --reach {nh.Dev}=PREFIX"));
                }
            }
        }

        public void ArpSysctls()
        {
            var shared = SubnetSharing.Shared(host).Where(s => options.Selects(s.Dev)).ToList();
            if (shared.Count == 0)
                return;
            var all = host.Sysctls.Ipv4For("all");
            foreach (var dev in shared.Select(s => s.Dev).Distinct())
            {
                var subnet = shared.First(s => s.Dev == dev).Subnet;
                var conf = host.Sysctls.Ipv4For(dev);
                int ignore = Math.Max(all.ArpIgnore ?? 0, conf.ArpIgnore ?? 0);
                int announce = Math.Max(all.ArpAnnounce ?? 0, conf.ArpAnnounce ?? 0);
                _sysctls.Add(new PlannedSysctl($"net.ipv4.conf.{dev}.arp_ignore", 1, conf.ArpIgnore,
                    ignore == 1 ? ChangeKind.Keep : ChangeKind.Add,
                    $"{subnet} is on more than one interface: {dev} answers ARP only for its own addresses (no ARP flux)"));
                _sysctls.Add(new PlannedSysctl($"net.ipv4.conf.{dev}.arp_announce", 2, conf.ArpAnnounce,
                    announce == 2 ? ChangeKind.Keep : ChangeKind.Add,
                    $"{subnet} is on more than one interface: ARP requests from {dev} use {dev}'s own address as sender"));
            }
        }

        /// <summary>symroute-owned rules and routes the plan no longer wants: removed (only within the selected interfaces).</summary>
        public void PruneStale(Strategy strategy)
        {
            var tableDev = owned.ToDictionary(kv => kv.Key, kv => kv.Value);
            foreach (var u in _uplinks) tableDev[u.Table] = u.Dev;
            bool inScope(uint? table, string? dev) =>
                dev is not null ? options.Selects(dev)
                : table is uint t && tableDev.TryGetValue(t, out var d) ? options.Selects(d)
                : options.Interfaces.IsDefaultOrEmpty;

            foreach (var r in host.Rules)
            {
                if (!Ownership.IsOwned(r, owned) || _keptRules.Contains(r))
                    continue;
                string? dev = r.Table is uint t && tableDev.TryGetValue(t, out var d) ? d : null;
                if (!inScope(r.Table, dev))
                    continue;
                if (r.From is { } f && _prio.InRange(RulePurpose.Vip, r.Priority) && dev is not null
                    && host.Addresses.All(a => !a.Local.Equals(f.Address))
                    && host.Addresses.Any(a => a.Dev == dev && !a.IsSecondary && a.Subnet.Contains(f.Address)))
                {
                    notes.Add(new PlanNote(PlanNoteLevel.Info,
                        $"kept: rule {r.Priority} from {f} (a floating address, not on this host now) lies in {dev}'s subnet and is harmless while the address is elsewhere"));
                    _rules.Add(new PlannedRule(r, dev, RulePurpose.Vip, ChangeKind.Keep, $"the floating address {f.Address} may move back to {dev}"));
                    continue;
                }
                string why = r.From is { } from && !host.Addresses.Any(a => from.Contains(a.Local))
                    ? $"stale: no address in {from} exists on the host any more"
                    : $"no longer part of the plan ({StrategyNames.Format(strategy)})";
                _rules.Add(new PlannedRule(r, dev, PurposeOf(r), ChangeKind.Remove, why));
            }
            foreach (var r in host.Routes)
            {
                if (!Ownership.IsOwned(r, owned) || r.Protocol == RouteProtocol.Kernel)
                    continue;
                if (_routes.Any(p => p.Change != ChangeKind.Remove && StateMatch.SameRoute(p.Route, r)))
                    continue;
                string? dev = tableDev.TryGetValue(r.Table, out var d) ? d : r.FirstNexthop?.Dev;
                if (!inScope(r.Table, dev))
                    continue;
                string why = dev is not null && host.FindLink(dev) is null
                    ? $"stale: {dev} no longer exists"
                    : $"no longer part of the plan ({StrategyNames.Format(strategy)})";
                _routes.Add(new PlannedRoute(r, dev ?? "", ChangeKind.Remove, why));
            }
            foreach (var (id, dev) in owned)
            {
                if (_tables.Any(t => t.Id == id) || _uplinks.Any(u => u.Table == id) || !options.Selects(dev))
                    continue;
                if (host.FindLink(dev) is null || strategy is Strategy.OneGateway or Strategy.LooseRpFilter)
                    _tables.Add(new PlannedTable(id, Ownership.TableName(dev), dev, ChangeKind.Remove,
                        host.FindLink(dev) is null ? $"stale: {dev} no longer exists" : $"no longer part of the plan ({StrategyNames.Format(strategy)})"));
            }
        }

        private RulePurpose PurposeOf(Rule r) =>
            r.SuppressPrefixLength is not null ? RulePurpose.MainFirst
            : r.FwMark is not null ? RulePurpose.Connmark
            : _prio.InRange(RulePurpose.Vip, r.Priority) ? RulePurpose.Vip
            : RulePurpose.Source;

        public Plan Build(Strategy strategy, bool chosen, string reason)
        {
            if (strategy == Strategy.Connmark)
                notes.Add(new PlanNote(PlanNoteLevel.Info,
                    $"connmark uses packet and connection mark bits 0x{Ownership.MarkMask:x8} (nftables table inet symroute); other marks are left alone"));
            return new Plan(strategy, chosen, reason, _prio.Base, _uplinks,
                [.. _tables], [.. _routes], [.. _rules], [.. _sysctls], [.. _connmarks], [.. notes.Distinct()]);
        }

        private void AddRoute(Route route, string dev, string reason)
        {
            if (_routes.Any(p => StateMatch.SameRoute(p.Route, route)))
                return;
            bool present = host.Routes.Any(r => StateMatch.SameRoute(r, route));
            _routes.Add(new PlannedRoute(route, dev, present ? ChangeKind.Keep : ChangeKind.Add, reason));
        }

        private void AddRule(Rule rule, string? dev, RulePurpose purpose, string reason)
        {
            if (_rules.Any(p => p.Change != ChangeKind.Remove && StateMatch.SameSelector(p.Rule, rule)))
                return;
            // Keep an identical rule where it is: one of symroute's own (any priority), or anyone's
            // within symroute's range for this purpose (a backend that could not set the protocol).
            var existing = host.Rules.FirstOrDefault(r => StateMatch.SameSelector(r, rule) && !_keptRules.Contains(r)
                && (Ownership.IsOwned(r, owned) || _prio.InRange(purpose, r.Priority)));
            if (existing is not null)
            {
                _keptRules.Add(existing);
                _prio.Take(existing.Family, existing.Priority);
                _rules.Add(new PlannedRule(rule with { Priority = existing.Priority }, dev, purpose, ChangeKind.Keep, reason));
                return;
            }
            uint p = _prio.Next(rule.Family, purpose);
            _rules.Add(new PlannedRule(rule with { Priority = p }, dev, purpose, ChangeKind.Add, reason));
        }

        private static Rule SourceRule(Family family, IpPrefix from, uint table) =>
            new(family, 0, RuleAction.Lookup, Table: table, From: from, Protocol: Ownership.Protocol);

        private static IEnumerable<InterfaceAddress> Addrs(Uplink u, Family f) => u.Addresses.Where(a => a.Family == f);

        // A floating address: installed by keepalived (IFA_PROTO 18), or an extra /32 inside
        // another address's subnet on the same interface (how VIPs are usually added).
        private static bool IsVip(InterfaceAddress a, List<InterfaceAddress> all) =>
            a.Protocol == 18
            || (a.PrefixLength == 32 && all.Any(o => o != a && o.PrefixLength < 32 && o.Subnet.Contains(a.Local)));
    }
}
