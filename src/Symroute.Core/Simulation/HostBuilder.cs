using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Symroute.Model;

namespace Symroute.Simulation;

/// <summary>
/// Builds a <see cref="HostState"/> the way the kernel would from <c>ip</c> operations on a fresh
/// network namespace: devices (lo first), addresses in devinet/addrconf order with the routes the
/// kernel generates for them (local, broadcast, prefix; IPv6 fe80::/64, ff00::/8, local), routes
/// with iproute2's defaults and the kernel's checks, rules with auto-assigned priorities, sysctls
/// with their propagation. Refusals throw <see cref="HostBuilderException"/> with ip's message.
/// </summary>
/// <example>
/// <code>
/// var state = new HostBuilder()
///     .AddLink("eth0").AddAddress("eth0", "192.0.2.10/24")
///     .Route("add default via 192.0.2.1 dev eth0")
///     .Rule("add from 192.0.2.10 table 100")
///     .Sysctl("net.ipv4.conf.all.rp_filter", 1)
///     .Build();
/// </code>
/// </example>
public sealed partial class HostBuilder
{
    private sealed class LinkState
    {
        public required int Index;
        public required string Name;
        public bool Up;
        public bool Carrier;
        public bool Loopback;
        public int Group;
        public string? Kind;
        public int Mtu;
        public string Mac = "";
        public bool Ipv6LinkLocal;
    }

    private readonly List<LinkState> _links = new();
    private readonly Dictionary<string, List<InterfaceAddress>> _v4 = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<InterfaceAddress>> _v6 = new(StringComparer.Ordinal);
    // Routes per (family, table) in the kernel's alias order; tables in creation order.
    private readonly Dictionary<(Family, uint), List<Route>> _routes = new();
    private readonly List<(Family, uint)> _tableOrder = new();
    private readonly List<Rule> _rules4 = new();
    private readonly List<Rule> _rules6 = new();
    private readonly Dictionary<string, Ipv4Conf> _ipv4 = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Ipv6Conf> _ipv6 = new(StringComparer.Ordinal);
    private readonly Dictionary<uint, string> _tableNames = new(TableNames.Builtin.Names);
    private bool _customRules;
    private int? _hashPolicy;
    private int? _hashSeed;
    private string? _hostname;

    /// <summary>
    /// A fresh namespace: <c>lo</c> up with 127.0.0.1/8 and ::1, the default rules, and the kernel's
    /// compiled-in sysctl defaults for <c>all</c> and <c>default</c>.
    /// </summary>
    public HostBuilder()
    {
        var kernel = new Ipv4Conf(Forwarding: 0, RpFilter: 0, AcceptLocal: 0, SrcValidMark: 0, ArpIgnore: 0, ArpAnnounce: 0,
            ArpFilter: 0, IgnoreRoutesWithLinkdown: 0, RouteLocalnet: 0, SendRedirects: 1, SharedMedia: 1, LogMartians: 0);
        _ipv4["all"] = kernel;
        _ipv4["default"] = kernel;
        var kernel6 = new Ipv6Conf(Forwarding: 0, AcceptRa: 1, AcceptRaDefrtr: 1, IgnoreRoutesWithLinkdown: 0, UseTempaddr: 0, UseOifAddrsOnly: 0, DisableIpv6: 0);
        _ipv6["all"] = kernel6;
        _ipv6["default"] = kernel6;
        _rules4.Add(new Rule(Family.Inet, 0, RuleAction.Lookup, RouteTableId.Local, Protocol: RouteProtocol.Kernel));
        _rules4.Add(new Rule(Family.Inet, 32766, RuleAction.Lookup, RouteTableId.Main, Protocol: RouteProtocol.Kernel));
        _rules4.Add(new Rule(Family.Inet, 32767, RuleAction.Lookup, RouteTableId.Default, Protocol: RouteProtocol.Kernel));
        _rules6.Add(new Rule(Family.Inet6, 0, RuleAction.Lookup, RouteTableId.Local, Protocol: RouteProtocol.Kernel));
        _rules6.Add(new Rule(Family.Inet6, 32766, RuleAction.Lookup, RouteTableId.Main, Protocol: RouteProtocol.Kernel));
        // Tables that exist from the start, in creation order.
        GetTable(Family.Inet, RouteTableId.Local);
        GetTable(Family.Inet, RouteTableId.Main);
        GetTable(Family.Inet6, RouteTableId.Main);
        GetTable(Family.Inet6, RouteTableId.Local);
        AddLinkState("lo", up: false, carrier: true, loopback: true, group: 0, kind: null, mtu: 65536, ipv6: true);
        _v4["lo"] = new() { new InterfaceAddress("lo", IPAddress.Loopback, 8, Scope.Host, AddressFlags.Permanent, Label: "lo") };
        _v6["lo"] = new() { new InterfaceAddress("lo", IPAddress.IPv6Loopback, 128, Scope.Host, AddressFlags.Permanent) };
        SetLink("lo", up: true);
    }

    // ------------------------------------------------------------------ links

    /// <summary>
    /// <c>ip link add NAME</c> (a veth stand-in) and, when <paramref name="up"/>, <c>ip link set NAME up</c>.
    /// Sysctls are copied from <c>default</c>; an up device gets its fe80:: address and IPv6 kernel routes.
    /// </summary>
    public HostBuilder AddLink(string name, bool up = true, bool carrier = true, int group = 0, string? kind = "veth", int mtu = 1500, bool ipv6LinkLocal = true)
    {
        if (_links.Any(l => l.Name == name))
            throw new HostBuilderException("RTNETLINK answers: File exists");
        AddLinkState(name, up: false, carrier, loopback: false, group, kind, mtu, ipv6LinkLocal);
        if (up)
            SetLink(name, up: true);
        return this;
    }

    private void AddLinkState(string name, bool up, bool carrier, bool loopback, int group, string? kind, int mtu, bool ipv6)
    {
        int index = _links.Count == 0 ? 1 : _links.Max(l => l.Index) + 1;
        _links.Add(new LinkState
        {
            Index = index, Name = name, Up = up, Carrier = carrier, Loopback = loopback, Group = group, Kind = kind, Mtu = mtu,
            Mac = loopback ? "00:00:00:00:00:00" : $"02:00:00:00:{index >> 8 & 0xff:x2}:{index & 0xff:x2}",
            Ipv6LinkLocal = ipv6 && !loopback,
        });
        // A new device takes its IPv4 and IPv6 settings from "default".
        _ipv4[name] = _ipv4["default"];
        _ipv6[name] = _ipv6["default"];
    }

    /// <summary><c>ip link set NAME up|down</c>, carrier changes (the peer's state) and <c>group</c>.</summary>
    public HostBuilder SetLink(string name, bool? up = null, bool? carrier = null, int? group = null)
    {
        var l = Link(name);
        if (group is int g) l.Group = g;
        if (carrier is bool c) l.Carrier = c;
        if (up is bool u && u != l.Up)
        {
            l.Up = u;
            if (u) LinkUp(l);
            else LinkDown(l);
        }
        return this;
    }

    private LinkState Link(string name) =>
        _links.FirstOrDefault(l => l.Name == name) ?? throw new HostBuilderException($"Cannot find device \"{name}\"");

    private void LinkUp(LinkState l)
    {
        // fib_netdev_event NETDEV_UP: the routes of every IPv4 address come back.
        foreach (var a in _v4.GetValueOrDefault(l.Name) ?? new())
            AddKernelRoutes4(l, a);
        // addrconf: link-local address, fe80::/64, ff00::/8 and the local routes of the addresses.
        if (l.Ipv6LinkLocal && !(_v6.GetValueOrDefault(l.Name)?.Any(a => a.Scope == Scope.Link) ?? false))
            InsertAddress6(l.Name, new InterfaceAddress(l.Name, LinkLocalFor(l), 64, Scope.Link, AddressFlags.Permanent));
        if (!l.Loopback)
        {
            AddKernelRoute(Route6(RouteTableId.Main, RouteType.Unicast, "fe80::/64", l.Name, 256));
            AddKernelRoute(Route6(RouteTableId.Local, RouteType.Multicast, "ff00::/8", l.Name, 256));
        }
        foreach (var a in _v6.GetValueOrDefault(l.Name) ?? new())
            AddKernelRoutes6(l, a);
    }

    private void LinkDown(LinkState l)
    {
        // fib_disable_ip / rt6_sync_down_dev: routes through the device go, except local ones;
        // multipath routes keep the nexthop, flagged dead.
        foreach (var key in _routes.Keys.ToList())
        {
            var list = _routes[key];
            for (int i = list.Count - 1; i >= 0; i--)
            {
                var r = list[i];
                if (r.Type == RouteType.Local && r.FirstNexthop?.Dev == l.Name)
                    continue;
                if (r.Nexthops.IsDefaultOrEmpty || !r.Nexthops.Any(n => n.Dev == l.Name))
                    continue;
                if (r.Nexthops.Length > 1 && r.Nexthops.Any(n => n.Dev != l.Name))
                {
                    list[i] = r with
                    {
                        Nexthops = r.Nexthops.Select(n => n.Dev == l.Name ? n with { Flags = n.Flags | NexthopFlags.Dead | NexthopFlags.LinkDown } : n).ToImmutableArray(),
                    };
                    continue;
                }
                list.RemoveAt(i);
            }
        }
        if (l.Ipv6LinkLocal)
            _v6.GetValueOrDefault(l.Name)?.RemoveAll(a => a.Scope == Scope.Link);
    }

    private static IPAddress LinkLocalFor(LinkState l)
    {
        // EUI-64 from the MAC 02:00:00:00:HH:LL: fe80::ff:fe00:HHLL (universal/local bit flipped).
        var bytes = new byte[16];
        bytes[0] = 0xfe; bytes[1] = 0x80;
        bytes[11] = 0xff; bytes[12] = 0xfe;
        bytes[14] = (byte)(l.Index >> 8); bytes[15] = (byte)l.Index;
        return new IPAddress(bytes);
    }

    // ------------------------------------------------------------------ addresses

    /// <summary>
    /// <c>ip addr add ADDRESS/LEN dev DEV</c>. IPv4: an address in the subnet of an existing one
    /// becomes secondary; primaries are kept by scope. IPv6: scope descending, newest first. Kernel
    /// routes are added as fib_add_ifaddr / addrconf do.
    /// </summary>
    public HostBuilder AddAddress(string dev, string address, Scope? scope = null, AddressFlags flags = AddressFlags.Permanent,
        string? peer = null, string? broadcast = null, uint? metric = null, string? label = null)
    {
        var l = Link(dev);
        if (!IpPrefix.TryParse(address, null, out var p))
            throw new HostBuilderException($"Error: any valid prefix is expected rather than \"{address}\".");
        var prefix = p.Value;
        if (prefix.Family == Family.Inet)
        {
            var a = new InterfaceAddress(dev, prefix.Address, prefix.Length, scope ?? DefaultScope4(prefix.Address), flags,
                peer is null ? null : IPAddress.Parse(peer),
                broadcast is null ? null : broadcast == "+" ? Broadcast4(prefix) : IPAddress.Parse(broadcast),
                label ?? dev, metric);
            InsertAddress4(l, a);
        }
        else
        {
            var a = new InterfaceAddress(dev, prefix.Address, prefix.Length, scope ?? Scope6(prefix.Address), flags, Metric: metric);
            InsertAddress6(dev, a);
            if (l.Up)
                AddKernelRoutes6(l, a);
        }
        return this;
    }

    private static Scope DefaultScope4(IPAddress a) => (AddressBits.V4(a) >> 24) == 127 ? Scope.Host : Scope.Global;

    private static Scope Scope6(IPAddress a)
    {
        var bits = AddressBits.V6(a);
        int s = Ipv6AddressType.SourceScope(bits);
        if (bits == UInt128.One) return Scope.Host;
        return s switch
        {
            Ipv6AddressType.ScopeLinkLocal => Scope.Link,
            Ipv6AddressType.ScopeSiteLocal => Scope.Site,
            _ => Scope.Global,
        };
    }

    private static IPAddress Broadcast4(IpPrefix p) =>
        AddressBits.ToAddress4(AddressBits.V4(p.Address) | ~AddressBits.Mask4(p.Length));

    private void InsertAddress4(LinkState l, InterfaceAddress a)
    {
        var list = _v4.TryGetValue(l.Name, out var existing) ? existing : _v4[l.Name] = new();
        uint local = AddressBits.V4(a.Local);
        uint mask = AddressBits.Mask4(a.PrefixLength);
        uint net = AddressBits.V4(a.Peer ?? a.Local) & mask;
        InterfaceAddress? lastPrimary = null;
        int insertAt = 0;
        foreach (var (x, i) in list.Select((x, i) => (x, i)))
        {
            uint xmask = AddressBits.Mask4(x.PrefixLength);
            uint xnet = AddressBits.V4(x.Peer ?? x.Local) & xmask;
            if (xmask == mask && xnet == net)
            {
                if (AddressBits.V4(x.Local) == local)
                    throw new HostBuilderException("RTNETLINK answers: File exists");
                if (x.Scope != a.Scope)
                    throw new HostBuilderException("RTNETLINK answers: Invalid argument");
                if (!x.IsSecondary)
                    a = a with { Flags = a.Flags | AddressFlags.Secondary };
            }
            if (!x.IsSecondary && (byte)x.Scope >= (byte)a.Scope)
            {
                lastPrimary = x;
                insertAt = i + 1;
            }
        }
        // __inet_insert_ifa: secondaries at the end, a primary after the last primary of wider-or-equal scope value.
        if (a.IsSecondary)
            list.Add(a);
        else
            list.Insert(lastPrimary is null ? 0 : insertAt, a);
        AddKernelRoutes4(l, a);
    }

    private void AddKernelRoutes4(LinkState l, InterfaceAddress a)
    {
        uint mask = AddressBits.Mask4(a.PrefixLength);
        uint local = AddressBits.V4(a.Local);
        uint prefix = AddressBits.V4(a.Peer ?? a.Local) & mask;
        var prim = a;
        if (a.IsSecondary)
            prim = _v4[l.Name].First(x => !x.IsSecondary && x.PrefixLength == a.PrefixLength && (AddressBits.V4(x.Peer ?? x.Local) & mask) == prefix);
        var src = prim.Local;
        // fib_add_ifaddr: the local route exists even on a down device; the rest only when up.
        AddKernelRoute(Route4(RouteTableId.Local, RouteType.Local, a.Local, 32, l.Name, Scope.Host, src));
        if (!l.Up)
            return;
        if (a.Broadcast is not null && !a.Broadcast.Equals(IPAddress.Broadcast))
            AddKernelRoute(Route4(RouteTableId.Local, RouteType.Broadcast, a.Broadcast, 32, l.Name, Scope.Link, src));
        if (!AddressBits.IsZeroNet4(prefix) && !a.IsSecondary && (prefix != local || a.PrefixLength < 32))
        {
            if ((a.Flags & AddressFlags.NoPrefixRoute) == 0)
            {
                var type = l.Loopback ? RouteType.Local : RouteType.Unicast;
                var table = l.Loopback ? RouteTableId.Local : RouteTableId.Main;
                AddKernelRoute(Route4(table, type, AddressBits.ToAddress4(prefix), a.PrefixLength, l.Name, l.Loopback ? Scope.Host : Scope.Link, src, a.Metric));
            }
            if (a.PrefixLength < 31)
                AddKernelRoute(Route4(RouteTableId.Local, RouteType.Broadcast, AddressBits.ToAddress4(prefix | ~mask), 32, l.Name, Scope.Link, src));
        }
    }

    private static Route Route4(uint table, RouteType type, IPAddress dst, int len, string dev, Scope scope, IPAddress src, uint? metric = null) =>
        new(Family.Inet, table, type, new IpPrefix(dst, len), [new Nexthop(null, dev)], scope, RouteProtocol.Kernel,
            metric is 0 ? null : metric, src);

    private static Route Route6(uint table, RouteType type, string dst, string dev, uint metric)
    {
        IpPrefix.TryParse(dst, Family.Inet6, out var p);
        return new Route(Family.Inet6, table, type, p!.Value.Network(), [new Nexthop(null, dev)], Scope.Global, RouteProtocol.Kernel, metric,
            Pref: RouterPreference.Medium);
    }

    private void InsertAddress6(string dev, InterfaceAddress a)
    {
        var list = _v6.TryGetValue(dev, out var existing) ? existing : _v6[dev] = new();
        if (list.Any(x => x.Local.Equals(a.Local)))
            throw new HostBuilderException("RTNETLINK answers: File exists");
        // ipv6_link_dev_addr: before the first address of the same or a narrower scope.
        int scope = Ipv6AddressType.SourceScope(AddressBits.V6(a.Local));
        int at = list.FindIndex(x => scope >= Ipv6AddressType.SourceScope(AddressBits.V6(x.Local)));
        list.Insert(at < 0 ? list.Count : at, a);
    }

    private void AddKernelRoutes6(LinkState l, InterfaceAddress a)
    {
        AddKernelRoute(new Route(Family.Inet6, RouteTableId.Local, RouteType.Local, new IpPrefix(a.Local, 128), [new Nexthop(null, l.Name)],
            Scope.Global, RouteProtocol.Kernel, 0, Pref: RouterPreference.Medium));
        if (l.Loopback || a.Scope == Scope.Link || (a.Flags & AddressFlags.NoPrefixRoute) != 0)
            return;
        var prefix = new IpPrefix(a.Local, a.PrefixLength).Network();
        AddKernelRoute(new Route(Family.Inet6, RouteTableId.Main, RouteType.Unicast, prefix, [new Nexthop(null, l.Name)],
            Scope.Global, RouteProtocol.Kernel, a.Metric ?? 256, Pref: RouterPreference.Medium));
    }

    private void AddKernelRoute(Route r)
    {
        var list = GetTable(r.Family, r.Table);
        // The kernel silently keeps one copy of a kernel route (fib_magic uses NLM_F_CREATE|NLM_F_APPEND on an identical alias: EEXIST, ignored).
        if (list.Any(x => x == r || (x.Dst == r.Dst && x.Type == r.Type && x.Protocol == RouteProtocol.Kernel && x.FirstNexthop?.Dev == r.FirstNexthop?.Dev && x.Metric == r.Metric && Equals(x.PrefSrc, r.PrefSrc))))
            return;
        Insert(list, r, RouteAddMode.Append);
    }

    /// <summary><c>ip addr del ADDRESS/LEN dev DEV</c>: with its kernel routes; deleting a primary deletes its secondaries (promote_secondaries off).</summary>
    public HostBuilder DelAddress(string dev, string address)
    {
        var l = Link(dev);
        if (!IpPrefix.TryParse(address, null, out var p))
            throw new HostBuilderException($"Error: any valid prefix is expected rather than \"{address}\".");
        var prefix = p.Value;
        var lists = prefix.Family == Family.Inet ? _v4 : _v6;
        var list = lists.GetValueOrDefault(dev) ?? throw new HostBuilderException("RTNETLINK answers: Cannot assign requested address");
        var a = list.FirstOrDefault(x => x.Local.Equals(prefix.Address) && x.PrefixLength == prefix.Length)
            ?? throw new HostBuilderException("RTNETLINK answers: Cannot assign requested address");
        var gone = new List<InterfaceAddress> { a };
        if (prefix.Family == Family.Inet && !a.IsSecondary)
            gone.AddRange(list.Where(x => x.IsSecondary && x.PrefixLength == a.PrefixLength && x.Subnet == a.Subnet));
        list.RemoveAll(gone.Contains);
        foreach (var g in gone)
            foreach (var key in _routes.Keys)
                _routes[key].RemoveAll(r => r.Protocol == RouteProtocol.Kernel && r.FirstNexthop?.Dev == l.Name
                    && (Equals(r.PrefSrc, g.Local) || r.Dst.Address.Equals(g.Local) || (!g.IsSecondary && r.Dst == g.Subnet && r.Family == g.Family)
                        || (g.Family == Family.Inet && !g.IsSecondary && r.Type == RouteType.Broadcast && Equals(r.PrefSrc, g.Local))));
        return this;
    }

    // ------------------------------------------------------------------ sysctls

    /// <summary>
    /// Sets a sysctl: <c>net.ipv4.conf.DEV.NAME</c>, <c>net.ipv6.conf.DEV.NAME</c>, <c>net.ipv4.ip_forward</c>
    /// (= all.forwarding, copied into every device and default, as is writing all.forwarding),
    /// <c>net.ipv4.fib_multipath_hash_policy</c>, <c>net.ipv4.fib_multipath_hash_seed</c>.
    /// </summary>
    public HostBuilder Sysctl(string key, int value)
    {
        key = key.Replace('/', '.');
        if (key is "net.ipv4.ip_forward" or "net.ipv4.conf.all.forwarding")
        {
            foreach (var k in _ipv4.Keys.ToList())
                _ipv4[k] = _ipv4[k] with { Forwarding = value };
            return this;
        }
        if (key == "net.ipv4.fib_multipath_hash_policy") { _hashPolicy = value; return this; }
        if (key == "net.ipv4.fib_multipath_hash_seed") { _hashSeed = value; return this; }
        if (key == "net.ipv6.conf.all.forwarding")
        {
            foreach (var k in _ipv6.Keys.ToList())
                _ipv6[k] = _ipv6[k] with { Forwarding = value };
            return this;
        }
        bool v4 = key.StartsWith("net.ipv4.conf.", StringComparison.Ordinal);
        bool v6 = key.StartsWith("net.ipv6.conf.", StringComparison.Ordinal);
        int dot = key.LastIndexOf('.');
        if ((!v4 && !v6) || dot <= 14)
            throw new HostBuilderException($"sysctl: cannot stat /proc/sys/{key.Replace('.', '/')}: No such file or directory");
        string dev = key[14..dot];
        string name = key[(dot + 1)..];
        if (dev is not ("all" or "default") && !_links.Any(l => l.Name == dev))
            throw new HostBuilderException($"sysctl: cannot stat /proc/sys/{key.Replace('.', '/')}: No such file or directory");
        if (v4)
        {
            var c = _ipv4.GetValueOrDefault(dev) ?? new Ipv4Conf();
            _ipv4[dev] = name switch
            {
                "forwarding" => c with { Forwarding = value },
                "rp_filter" => c with { RpFilter = value },
                "accept_local" => c with { AcceptLocal = value },
                "src_valid_mark" => c with { SrcValidMark = value },
                "arp_ignore" => c with { ArpIgnore = value },
                "arp_announce" => c with { ArpAnnounce = value },
                "arp_filter" => c with { ArpFilter = value },
                "ignore_routes_with_linkdown" => c with { IgnoreRoutesWithLinkdown = value },
                "route_localnet" => c with { RouteLocalnet = value },
                "send_redirects" => c with { SendRedirects = value },
                "shared_media" => c with { SharedMedia = value },
                "log_martians" => c with { LogMartians = value },
                _ => throw new HostBuilderException($"sysctl: cannot stat /proc/sys/{key.Replace('.', '/')}: No such file or directory"),
            };
        }
        else
        {
            var c = _ipv6.GetValueOrDefault(dev) ?? new Ipv6Conf();
            _ipv6[dev] = name switch
            {
                "forwarding" => c with { Forwarding = value },
                "accept_ra" => c with { AcceptRa = value },
                "accept_ra_defrtr" => c with { AcceptRaDefrtr = value },
                "ignore_routes_with_linkdown" => c with { IgnoreRoutesWithLinkdown = value },
                "use_tempaddr" => c with { UseTempaddr = value },
                "use_oif_addrs_only" => c with { UseOifAddrsOnly = value },
                "disable_ipv6" => c with { DisableIpv6 = value },
                _ => throw new HostBuilderException($"sysctl: cannot stat /proc/sys/{key.Replace('.', '/')}: No such file or directory"),
            };
        }
        return this;
    }

    /// <summary>A table name, as a line of <c>rt_tables.d/*.conf</c>.</summary>
    public HostBuilder TableName(uint id, string name)
    {
        _tableNames[id] = name;
        return this;
    }

    public HostBuilder Hostname(string name)
    {
        _hostname = name;
        return this;
    }

    // ------------------------------------------------------------------ build

    /// <summary>
    /// The state: links in ifindex order, addresses per device (IPv4 then IPv6, list order), routes in
    /// <c>ip route show table all</c> dump order (IPv4 then IPv6), rules in list order, and
    /// <see cref="HostState.LocalTableMerged"/> true until a rule was added or deleted.
    /// </summary>
    public HostState Build()
    {
        var links = _links.OrderBy(l => l.Index).Select(l => new LinkInfo(l.Index, l.Name, Flags(l), l.Mtu,
            l.Loopback ? "UNKNOWN" : l.Up && l.Carrier ? "UP" : l.Up ? "LOWERLAYERDOWN" : "DOWN", l.Group, null, l.Kind,
            l.Loopback ? "loopback" : "ether", l.Mac)).ToImmutableArray();
        var addresses = new List<InterfaceAddress>();
        foreach (var l in _links.OrderBy(l => l.Index))
        {
            addresses.AddRange(_v4.GetValueOrDefault(l.Name) ?? new());
            addresses.AddRange(_v6.GetValueOrDefault(l.Name) ?? new());
        }
        var routes = new List<Route>();
        foreach (var family in new[] { Family.Inet, Family.Inet6 })
        {
            var tables = _tableOrder.Select((k, i) => (Family: k.Item1, Id: k.Item2, Seq: i)).Where(x => x.Family == family)
                .OrderBy(x => x.Id % 256).ThenByDescending(x => x.Seq).Select(x => x.Id);
            foreach (var table in tables)
            {
                var list = _routes[(family, table)].Select(WithLinkFlags);
                routes.AddRange(family == Family.Inet
                    ? list.OrderBy(r => AddressBits.V4(r.Dst.Address)).ThenByDescending(r => r.Dst.Length)
                    : list.Order(Comparer<Route>.Create(PostOrder6)));
            }
        }
        var sysctls = new Sysctls(
            ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, _ipv4),
            ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, _ipv6),
            _hashPolicy, _hashSeed);
        var names = new HashSet<string>(_links.Select(l => l.Name), StringComparer.Ordinal);
        var rules = _rules4.Concat(_rules6).Select(r => r with
        {
            IifDetached = r.Iif is not null && !names.Contains(r.Iif),
            OifDetached = r.Oif is not null && !names.Contains(r.Oif),
            Unresolved = r.Action == RuleAction.Goto && !(r.Family == Family.Inet ? _rules4 : _rules6).Any(x => x.Priority == r.Goto),
        });
        return new HostState(links, addresses.ToImmutableArray(), routes.ToImmutableArray(),
            rules.ToImmutableArray(), sysctls,
            new TableNames(ImmutableSortedDictionary.CreateRange(_tableNames)), _hostname,
            LocalTableMerged: !_customRules);
    }

    private static ImmutableArray<string> Flags(LinkState l)
    {
        var f = new List<string>();
        if (l.Loopback) f.Add("LOOPBACK");
        else { f.Add("BROADCAST"); f.Add("MULTICAST"); }
        if (l.Up && !l.Carrier && !l.Loopback) f.Add("NO-CARRIER");
        if (l.Up) f.Add("UP");
        if (l.Up && (l.Carrier || l.Loopback)) f.Add("LOWER_UP");
        return f.ToImmutableArray();
    }

    private Route WithLinkFlags(Route r)
    {
        // Dumps flag nexthops on a device without carrier as linkdown.
        if (r.Nexthops.IsDefaultOrEmpty || r.Type == RouteType.Local)
            return r;
        bool changed = false;
        var nhs = r.Nexthops.Select(n =>
        {
            var l = n.Dev is null ? null : _links.FirstOrDefault(x => x.Name == n.Dev);
            if (l is not null && l.Up && !l.Carrier && !l.Loopback && !n.IsLinkDown)
            {
                changed = true;
                return n with { Flags = n.Flags | NexthopFlags.LinkDown };
            }
            return n;
        }).ToImmutableArray();
        return changed ? r with { Nexthops = nhs } : r;
    }

    private static int PostOrder6(Route a, Route b)
    {
        // fib6 dump: post-order walk of the radix tree, 0-branch first, children before the covering prefix.
        var x = AddressBits.V6(a.Dst.Address);
        var y = AddressBits.V6(b.Dst.Address);
        int min = Math.Min(a.Dst.Length, b.Dst.Length);
        int common = Math.Min(AddressBits.CommonPrefix6(x, y), min);
        if (common >= min)
            return b.Dst.Length.CompareTo(a.Dst.Length);
        bool bitA = ((x >> (127 - common)) & UInt128.One) != UInt128.Zero;
        return bitA ? 1 : -1;
    }

    private List<Route> GetTable(Family family, uint table)
    {
        if (!_routes.TryGetValue((family, table), out var list))
        {
            _routes[(family, table)] = list = new();
            _tableOrder.Add((family, table));
        }
        return list;
    }

    
}
