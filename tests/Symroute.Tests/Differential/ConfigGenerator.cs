using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using Symroute.Model;

namespace Symroute.Tests.Differential;

/// <summary>
/// Deterministic random host configurations for the differential test: the same seed gives the
/// same commands. Commands are plausible rather than valid: whatever the kernel rejects is simply
/// absent from the namespace, and both the kernel and the simulator see the same result.
/// </summary>
public sealed class ConfigGenerator
{
    private readonly Random _r;
    private readonly int _seed;
    private readonly List<ConfigStep> _steps = [];
    private readonly List<string> _devs = [];

    private readonly List<IPAddress> _ownV4 = [];
    private readonly List<IPAddress> _ownV6 = [];
    private readonly List<IPAddress> _gwV4 = [];
    private readonly List<IPAddress> _gwV6 = [];
    private readonly List<IpPrefix> _prefV4 = [];
    private readonly List<IpPrefix> _prefV6 = [];
    // Gateways known to sit on a device's subnet, per device (for "via GW dev D").
    private readonly Dictionary<string, List<IPAddress>> _devGwV4 = [];
    private readonly Dictionary<string, List<IPAddress>> _devGwV6 = [];
    private readonly List<uint> _tables = [];
    private readonly List<int> _groups = [];
    private readonly List<uint> _rulePrefs = [];

    private static readonly uint[] Marks = [1, 2, 3, 0x10, 0x11, 0x100, 0xff];
    private static readonly ushort[] Ports = [22, 53, 80, 443, 1000, 1500, 2000, 5555, 8080, 65535];
    private static readonly uint[] Uids = [0, 1, 999, 1000, 1500, 1999, 2000, 65534];
    private static readonly byte[] TosValues = [0x04, 0x08, 0x10, 0x14, 0x18, 0x1c];

    // Subnets handed to interfaces (network, prefix length).
    private static readonly (string Net, int Len)[] SubnetPool =
    [
        ("192.0.2.0", 24), ("198.51.100.0", 24), ("203.0.113.0", 24), ("10.0.0.0", 24),
        ("10.0.1.0", 24), ("172.16.0.0", 16), ("10.10.0.0", 28), ("100.64.0.0", 22),
    ];

    // Destinations shared by all configurations, so tables and rules overlap.
    private static readonly string[] DstPoolV4 =
    [
        "0.0.0.0/0", "0.0.0.0/0", "8.0.0.0/8", "8.8.0.0/16", "8.8.8.0/24", "8.8.8.8/32", "10.0.0.0/8",
        "10.50.0.0/16", "10.50.1.0/24", "10.50.1.128/25", "172.16.5.0/24", "192.0.2.128/25",
        "198.51.100.0/24", "203.0.113.64/26", "100.64.0.0/10", "198.18.0.0/15", "1.1.1.1/32",
    ];

    private static readonly string[] DstPoolV6 =
    [
        "::/0", "::/0", "2001:4860::/32", "2001:4860:4860::8888/128", "2001:db8:100::/48",
        "2001:db8:100:1::/64", "64:ff9b::/96", "2001:db8::/32", "fd00::/8", "2001:db8:1::/48",
        "2606:4700::/32",
    ];

    private ConfigGenerator(int seed)
    {
        _seed = seed;
        _r = new Random(seed);
    }

    public static DiffConfig Generate(int seed) => new ConfigGenerator(seed).Build();

    private bool P(double p) => _r.NextDouble() < p;

    private T Pick<T>(IReadOnlyList<T> items) => items[_r.Next(items.Count)];

    private void Add(StepTarget t, string text) => _steps.Add(new ConfigStep(t, text));

    private static string Hex(uint v) => "0x" + v.ToString("x", CultureInfo.InvariantCulture);

    private DiffConfig Build()
    {
        int n = 2 + _r.Next(3);
        for (int i = 0; i < n; i++) _devs.Add($"eth{i}");
        int tableCount = 1 + _r.Next(4);
        while (_tables.Count < tableCount)
        {
            uint t = (uint)(100 + _r.Next(21));
            if (!_tables.Contains(t)) _tables.Add(t);
        }
        foreach (uint p in new uint[] { 50, 100, 150, 200, 300, 500, 1000, 32000, 32765 })
            if (P(0.5)) _rulePrefs.Add(p);
        if (_rulePrefs.Count == 0) _rulePrefs.Add(100);

        // Links: veth pairs, far ends in the peer namespace; deterministic MACs give deterministic link-local addresses.
        var carrierLate = new List<string>();
        var adminDownLate = new List<string>();
        var neverUp = new HashSet<string>();
        for (int i = 0; i < n; i++)
        {
            string d = _devs[i];
            Add(StepTarget.HostIp, $"link add {d} address 02:00:00:00:00:{i + 1:x2} type veth peer name p{i} address 02:00:00:00:01:{i + 1:x2} netns {{peer}}");
            if (P(0.15))
            {
                int g = 1 + _r.Next(3);
                _groups.Add(g);
                Add(StepTarget.HostIp, $"link set {d} group {g}");
            }
            // eth0 stays healthy so every configuration has something to route through.
            if (i > 0 && P(0.07)) neverUp.Add(d);
            else if (i > 0 && P(0.08)) adminDownLate.Add(d);
            if (i > 0 && P(0.12)) carrierLate.Add(d);
        }
        for (int i = 0; i < n; i++)
            Add(StepTarget.PeerIp, $"link set p{i} up");

        GenerateSysctls();

        foreach (var d in _devs)
            if (!neverUp.Contains(d))
                Add(StepTarget.HostIp, $"link set {d} up");

        for (int i = 0; i < n; i++) GenerateV4Addresses(i);
        for (int i = 0; i < n; i++) GenerateV6Addresses(i);

        bool noRules = P(0.2);
        GenerateDefaults();
        int routes4 = 3 + _r.Next(10);
        for (int k = 0; k < routes4; k++) GenerateV4Route();
        int routes6 = 2 + _r.Next(7);
        for (int k = 0; k < routes6; k++) GenerateV6Route();

        if (!noRules)
        {
            if (P(0.06))
            {
                // A common real-world layout: the local rule moved behind source rules.
                Add(StepTarget.HostIp4, "rule add pref 1000 lookup local");
                Add(StepTarget.HostIp4, "rule del pref 0");
            }
            int rules4 = 1 + _r.Next(8);
            for (int k = 0; k < rules4; k++) GenerateRule(Family.Inet);
            int rules6 = _r.Next(5);
            for (int k = 0; k < rules6; k++) GenerateRule(Family.Inet6);
            if (P(0.04)) Add(StepTarget.HostIp4, "rule del pref 32767");
        }

        // Late state changes: routes through a device going admin-down are deleted (multipath
        // nexthops marked dead); carrier loss marks nexthops linkdown.
        foreach (var d in adminDownLate) Add(StepTarget.HostIp, $"link set {d} down");
        foreach (var d in carrierLate) Add(StepTarget.PeerIp, $"link set p{d[3..]} down");

        var k4 = new ConfigKnowledge(
            [.. _ownV4.Distinct()], [.. _ownV6.Distinct()], [.. _gwV4.Distinct()], [.. _gwV6.Distinct()],
            [.. _prefV4.Distinct()], [.. _prefV6.Distinct()], [.. Marks], [.. Ports], [.. Uids], [.. TosValues]);
        return new DiffConfig(_seed, [.. _devs], [.. _steps], k4);
    }

    private void GenerateSysctls()
    {
        // Pinned so the kernel's ECMP choice is reproducible run to run (6.11+; ignored if absent).
        Add(StepTarget.Sysctl, "net.ipv4.fib_multipath_hash_seed=12345");
        Add(StepTarget.Sysctl, $"net.ipv4.fib_multipath_hash_policy={(P(0.3) ? 1 : 0)}");
        Add(StepTarget.Sysctl, $"net.ipv4.conf.all.rp_filter={_r.Next(3)}");
        if (P(0.5)) Add(StepTarget.Sysctl, $"net.ipv4.ip_forward={(P(0.6) ? 1 : 0)}");
        else Add(StepTarget.Sysctl, $"net.ipv4.conf.all.forwarding={(P(0.6) ? 1 : 0)}");
        if (P(0.1)) Add(StepTarget.Sysctl, "net.ipv4.conf.all.accept_local=1");
        if (P(0.15)) Add(StepTarget.Sysctl, "net.ipv4.conf.all.src_valid_mark=1");
        if (P(0.15)) Add(StepTarget.Sysctl, "net.ipv4.conf.all.ignore_routes_with_linkdown=1");
        if (P(0.3)) Add(StepTarget.Sysctl, "net.ipv6.conf.all.forwarding=1");
        foreach (var d in _devs)
        {
            if (P(0.5)) Add(StepTarget.Sysctl, $"net.ipv4.conf.{d}.rp_filter={_r.Next(3)}");
            if (P(0.3)) Add(StepTarget.Sysctl, $"net.ipv4.conf.{d}.forwarding={_r.Next(2)}");
            if (P(0.1)) Add(StepTarget.Sysctl, $"net.ipv4.conf.{d}.accept_local=1");
            if (P(0.1)) Add(StepTarget.Sysctl, $"net.ipv4.conf.{d}.src_valid_mark=1");
            if (P(0.15)) Add(StepTarget.Sysctl, $"net.ipv4.conf.{d}.ignore_routes_with_linkdown=1");
            if (P(0.1)) Add(StepTarget.Sysctl, $"net.ipv6.conf.{d}.ignore_routes_with_linkdown=1");
        }
    }

    // ---- IPv4 -------------------------------------------------------------------------------

    private static uint U(string a)
    {
        var b = IPAddress.Parse(a).GetAddressBytes();
        return (uint)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]);
    }

    private static IPAddress A(uint v) => new([(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v]);

    private static uint Mask(int len) => len == 0 ? 0 : uint.MaxValue << (32 - len);

    private readonly List<(uint Net, int Len)> _subnetsV4 = [];

    private void OwnV4(string dev, uint addr, uint net, int len)
    {
        _ownV4.Add(A(addr));
        _prefV4.Add(new IpPrefix(A(net), len));
    }

    private void GatewayV4(string dev, uint gw)
    {
        _gwV4.Add(A(gw));
        if (!_devGwV4.TryGetValue(dev, out var l)) _devGwV4[dev] = l = [];
        l.Add(A(gw));
    }

    private void GenerateV4Addresses(int i)
    {
        string d = _devs[i];
        var lines = new List<string>();
        uint net;
        int len;
        int hostBase = 10 + i;
        if (i > 0 && P(0.15) && _subnetsV4.Count > 0)
        {
            (net, len) = Pick(_subnetsV4); // same subnet on two interfaces
            hostBase = 30 + i;
        }
        else
        {
            var (s, l) = SubnetPool[(_seed + i * 3 + _r.Next(SubnetPool.Length)) % SubnetPool.Length];
            (net, len) = (U(s), l);
            if (_subnetsV4.Any(x => x.Net == net)) (net, len) = (U($"10.{60 + i}.0.0"), 24);
            double v = _r.NextDouble();
            if (v < 0.1) len = 31;
            else if (v < 0.17) len = 32;
            else if (v < 0.25) len = Math.Max(8, len - 8);
            net &= Mask(len);
        }
        _subnetsV4.Add((net, len));
        uint size = len >= 32 ? 1 : 1u << (32 - len);
        uint own, gw;
        if (len == 32) { own = net; gw = 0; }
        else if (len == 31) { own = net; gw = net + 1; }
        else
        {
            own = net + 1 + (uint)(hostBase % (int)(size - 2));
            if (own == net + 1) own++;
            gw = net + 1;
        }
        string metric = P(0.1) ? $" metric {Pick(new[] { 10, 50, 300 })}" : "";
        lines.Add($"addr add {A(own)}/{len} dev {d}{metric}");
        OwnV4(d, own, net, len);
        if (gw != 0) GatewayV4(d, gw);
        if (gw != 0 && size > 4) GatewayV4(d, net + size - 2);
        if (size >= 4) _ownV4.Add(A(net + size - 1)); // subnet broadcast: interesting destination

        if (len <= 29 && P(0.3))
        {
            uint sec = own + 2 + (uint)_r.Next(3);
            if (sec < net + size - 1)
            {
                lines.Add($"addr add {A(sec)}/{len} dev {d}");
                _ownV4.Add(A(sec));
            }
        }
        if (P(0.2))
        {
            uint n2 = U($"10.{20 + i}.0.0");
            lines.Add($"addr add {A(n2 + 1)}/24 dev {d}");
            OwnV4(d, n2 + 1, n2, 24);
            GatewayV4(d, n2 + 254);
        }
        if (P(0.15))
        {
            uint n3 = U($"10.{30 + i}.0.0");
            lines.Add($"addr add {A(n3 + 1)}/24 dev {d} noprefixroute");
            OwnV4(d, n3 + 1, n3, 24);
            _gwV4.Add(A(n3 + 254));
        }
        if (P(0.1))
        {
            uint p = U($"10.99.{i}.0");
            lines.Add(P(0.5) ? $"addr add {A(p + 1)} peer {A(p + 2)} dev {d}" : $"addr add {A(p + 1)} peer {A(p)}/30 dev {d}");
            _ownV4.Add(A(p + 1));
            GatewayV4(d, p + 2);
            _prefV4.Add(new IpPrefix(A(p), 30));
        }
        if (P(0.1))
        {
            lines.Add($"addr add 169.254.{i}.1/16 dev {d} scope link");
            _ownV4.Add(A(U($"169.254.{i}.1")));
            _prefV4.Add(new IpPrefix(A(U("169.254.0.0")), 16));
        }
        if (P(0.05))
        {
            uint n4 = U($"10.{40 + i}.0.0");
            lines.Add($"addr add {A(n4 + 5)}/24 brd + dev {d}");
            OwnV4(d, n4 + 5, n4, 24);
        }
        // Order of addition decides the kernel's address list order (and source selection).
        if (lines.Count > 1 && P(0.3)) lines.Reverse();
        foreach (var l in lines) Add(StepTarget.HostIp, l);
    }

    private IpPrefix PickDstV4()
    {
        double v = _r.NextDouble();
        if (v < 0.5) return Prefix4(Pick(DstPoolV4));
        if (v < 0.8 && _subnetsV4.Count > 0)
        {
            var (net, len) = Pick(_subnetsV4);
            int l2 = Math.Clamp(len + Pick(new[] { -8, -1, 0, 1, 2, 8 }), 0, 32);
            uint n2 = net & Mask(l2);
            if (l2 > len) n2 |= (uint)_r.Next(1 << Math.Min(l2 - len, 8)) << (32 - l2);
            return new IpPrefix(A(n2), l2);
        }
        if (v < 0.92) return Prefix4(Pick(DstPoolV4));
        int rl = Pick(new[] { 8, 16, 24, 32 });
        return new IpPrefix(A((uint)_r.Next() & Mask(rl)), rl);
    }

    private static IpPrefix Prefix4(string s)
    {
        IpPrefix.TryParse(s, null, out var p);
        return p!.Value;
    }

    private string TableClause(Family f, out uint? table)
    {
        double v = _r.NextDouble();
        if (v < 0.4) { table = RouteTableId.Main; return P(0.2) ? " table main" : ""; }
        if (v < 0.9) { table = Pick(_tables); return $" table {table}"; }
        if (v < 0.95) { table = RouteTableId.Default; return " table default"; }
        table = (uint)(100 + _r.Next(21));
        return $" table {table}";
    }

    private IPAddress PickGatewayV4(out string? dev)
    {
        dev = null;
        if (P(0.85) && _devGwV4.Count > 0)
        {
            var (d, gws) = _devGwV4.ElementAt(_r.Next(_devGwV4.Count));
            dev = P(0.1) ? Pick(_devs) : d; // sometimes the wrong device (kernel rejects)
            return Pick(gws);
        }
        var g = P(0.5) && _gwV4.Count > 0 ? Pick(_gwV4) : A(U("203.0.113.77") + (uint)_r.Next(3));
        return g;
    }

    private string SrcClauseV4() =>
        P(0.12) && _ownV4.Count > 0 ? $" src {Pick(_ownV4)}" : P(0.02) ? " src 10.123.123.123" : "";

    private void GenerateV4Route()
    {
        var dst = PickDstV4();
        _prefV4.Add(dst);
        string verb = Verb();
        string table = TableClause(Family.Inet, out _);
        string metric = P(0.3) ? $" metric {Pick(new[] { 0, 10, 50, 100, 1024 })}" : "";
        string tos = P(0.07) ? $" tos {Hex(Pick(new byte[] { 0x04, 0x08, 0x10 }))}" : "";
        string proto = P(0.1) ? " proto static" : "";
        int w = _r.Next(100);
        string line;
        if (w < 30)
        {
            var gw = PickGatewayV4(out var dev);
            string scope = P(0.04) ? " scope link" : "";
            line = $"route {verb} {dst.ToRouteString()}{tos} via {gw}{(dev is null ? "" : $" dev {dev}")}{table}{proto}{scope}{SrcClauseV4()}{metric}";
            _gwV4.Add(gw);
        }
        else if (w < 42)
        {
            string scope = P(0.05) ? " scope global" : "";
            line = $"route {verb} {dst.ToRouteString()}{tos} dev {Pick(_devs)}{table}{proto}{scope}{SrcClauseV4()}{metric}";
        }
        else if (w < 48)
        {
            var gw = P(0.5) ? A(U("192.168.255.1") + (uint)_r.Next(4)) : PickGatewayV4(out _);
            line = $"route {verb} {dst.ToRouteString()}{tos} via {gw} dev {Pick(_devs)} onlink{table}{proto}{SrcClauseV4()}{metric}";
            _gwV4.Add(gw);
        }
        else if (w < 60)
        {
            int hops = 2 + (P(0.3) ? 1 : 0);
            var sb = new System.Text.StringBuilder($"route {verb} {dst.ToRouteString()}{tos}{table}{proto}{SrcClauseV4()}{metric}");
            for (int h = 0; h < hops; h++)
            {
                string weight = P(0.5) ? $" weight {1 + _r.Next(3)}" : "";
                if (P(0.15)) sb.Append($" nexthop dev {Pick(_devs)}{weight}");
                else
                {
                    var gw = PickGatewayV4(out var dev);
                    dev ??= Pick(_devs);
                    sb.Append($" nexthop via {gw} dev {dev}{weight}");
                    if (P(0.05)) sb.Append(" onlink");
                }
            }
            line = sb.ToString();
        }
        else if (w < 88)
        {
            string type = Pick(new[] { "blackhole", "unreachable", "unreachable", "prohibit", "throw", "throw" });
            line = $"route {verb} {type} {dst.ToRouteString()}{tos}{table}{proto}{metric}";
        }
        else if (w < 95)
        {
            IPAddress addr = P(0.5) && _ownV4.Count > 0 ? Pick(_ownV4) : A(U("10.77.0.1") + (uint)_r.Next(4));
            string t = P(0.6) ? "" : table;
            line = $"route {verb} local {addr}{(P(0.1) ? "/30" : "")} dev {Pick(_devs)}{t}{proto}{SrcClauseV4()}";
            _ownV4.Add(addr);
        }
        else
        {
            IPAddress addr = A(U("10.77.1.255") - (uint)_r.Next(2));
            line = $"route {verb} broadcast {addr} dev {Pick(_devs)}{(P(0.6) ? "" : table)}{proto}";
            _ownV4.Add(addr);
        }
        Add(StepTarget.HostIp4, line);
    }

    /// <summary>Default routes, as most real hosts have: main, and often per-table ones (the source-routing layout).</summary>
    private void GenerateDefaults()
    {
        var withGw = _devs.Where(d => _devGwV4.ContainsKey(d)).ToList();
        if (withGw.Count > 0 && P(0.85))
        {
            string d = withGw[0];
            Add(StepTarget.HostIp4, $"route add default via {Pick(_devGwV4[d])} dev {d}{(P(0.3) ? " metric 100" : "")}");
            if (withGw.Count > 1 && P(0.3))
            {
                string d2 = withGw[1 + _r.Next(withGw.Count - 1)];
                Add(StepTarget.HostIp4, $"route {(P(0.2) ? "append" : "add")} default via {Pick(_devGwV4[d2])} dev {d2}{(P(0.7) ? " metric 200" : "")}");
            }
        }
        foreach (uint t in _tables)
            if (withGw.Count > 0 && P(0.6))
            {
                string d = Pick(withGw);
                Add(StepTarget.HostIp4, $"route add default via {Pick(_devGwV4[d])} dev {d} table {t}");
                if (P(0.4))
                {
                    var a = _ownV4.FirstOrDefault();
                    var sub = _prefV4.FirstOrDefault();
                    if (a is not null) Add(StepTarget.HostIp4, $"route add {sub} dev {d} table {t} src {a}");
                }
            }
        if (P(0.7)) Add(StepTarget.HostIp6, $"route add default via {(P(0.5) ? "fe80::1" : "2001:db8:1::1")} dev eth0{(P(0.3) ? " metric 100" : "")}");
        foreach (uint t in _tables)
            if (P(0.4)) Add(StepTarget.HostIp6, $"route add default via fe80::1 dev {Pick(_devs)} table {t}");
    }

    private string Verb()
    {
        double v = _r.NextDouble();
        return v < 0.85 ? "add" : v < 0.95 ? "append" : v < 0.98 ? "replace" : "prepend";
    }

    // ---- IPv6 -------------------------------------------------------------------------------

    private void GenerateV6Addresses(int i)
    {
        string d = _devs[i];
        _ownV6.Add(IPAddress.Parse($"fe80::ff:fe00:{i + 1:x}"));
        _gwV6.Add(IPAddress.Parse("fe80::1"));
        if (!_devGwV6.TryGetValue(d, out var gws)) _devGwV6[d] = gws = [];
        gws.Add(IPAddress.Parse("fe80::1"));
        if (P(0.12)) return;
        int sub = i > 0 && P(0.1) ? _r.Next(i) + 1 : i + 1; // sometimes the same /64 as another interface
        string p = $"2001:db8:{sub}::";
        var lines = new List<string> { $"addr add {p}{10 + i:x}/64 dev {d} nodad" };
        _ownV6.Add(IPAddress.Parse($"{p}{10 + i:x}"));
        _prefV6.Add(Prefix6($"{p}/64"));
        gws.Add(IPAddress.Parse($"{p}1"));
        _gwV6.Add(IPAddress.Parse($"{p}1"));
        if (P(0.4)) { lines.Add($"addr add {p}{0x20 + i:x}/64 dev {d} nodad"); _ownV6.Add(IPAddress.Parse($"{p}{0x20 + i:x}")); }
        if (P(0.2)) { lines.Add($"addr add {p}40/64 dev {d} nodad preferred_lft 0"); _ownV6.Add(IPAddress.Parse($"{p}40")); }
        if (P(0.2)) { lines.Add($"addr add {p}30/128 dev {d} nodad"); _ownV6.Add(IPAddress.Parse($"{p}30")); }
        if (P(0.15))
        {
            lines.Add($"addr add 2001:db8:{sub}:1::1/64 dev {d} nodad{(P(0.5) ? " noprefixroute" : "")}");
            _ownV6.Add(IPAddress.Parse($"2001:db8:{sub}:1::1"));
            _prefV6.Add(Prefix6($"2001:db8:{sub}:1::/64"));
        }
        if (P(0.1))
        {
            lines.Add($"addr add fd00:{i}::1/48 dev {d} nodad");
            _ownV6.Add(IPAddress.Parse($"fd00:{i}::1"));
            _prefV6.Add(Prefix6($"fd00:{i}::/48"));
        }
        if (lines.Count > 1 && P(0.3)) lines.Reverse();
        foreach (var l in lines) Add(StepTarget.HostIp, l);
    }

    private static IpPrefix Prefix6(string s)
    {
        IpPrefix.TryParse(s, null, out var p);
        return p!.Value.Network();
    }

    private IpPrefix PickDstV6()
    {
        double v = _r.NextDouble();
        if (v < 0.6) return Prefix6(Pick(DstPoolV6));
        if (v < 0.92 && _prefV6.Count > 0)
        {
            var b = Pick(_prefV6);
            int l2 = Math.Clamp(b.Length + Pick(new[] { -16, -8, 0, 8, 64 }), 0, 128);
            return new IpPrefix(b.Address, l2).Network();
        }
        var bytes = new byte[16];
        _r.NextBytes(bytes);
        bytes[0] = 0x20; bytes[1] = 0x01;
        int rl = Pick(new[] { 32, 48, 64, 128 });
        return new IpPrefix(new IPAddress(bytes), rl).Network();
    }

    private IPAddress PickGatewayV6(out string dev)
    {
        var (d, gws) = _devGwV6.ElementAt(_r.Next(_devGwV6.Count));
        dev = P(0.08) ? Pick(_devs) : d;
        return Pick(gws);
    }

    private void GenerateV6Route()
    {
        var dst = PickDstV6();
        _prefV6.Add(dst);
        string verb = Verb();
        string table = TableClause(Family.Inet6, out _);
        string metric = P(0.35) ? $" metric {Pick(new[] { 100, 256, 1024, 2048 })}" : "";
        string src = P(0.1) && _ownV6.Count > 0 ? $" src {Pick(_ownV6)}" : "";
        string pref = P(0.05) ? $" pref {Pick(new[] { "high", "low" })}" : "";
        int w = _r.Next(100);
        string line;
        if (w < 35)
        {
            var gw = PickGatewayV6(out var dev);
            line = $"route {verb} {dst.ToRouteString()} via {gw} dev {dev}{table}{src}{metric}{pref}";
        }
        else if (w < 50)
            line = $"route {verb} {dst.ToRouteString()} dev {Pick(_devs)}{table}{src}{metric}";
        else if (w < 60)
        {
            var sb = new System.Text.StringBuilder($"route {verb} {dst.ToRouteString()}{table}{src}{metric}");
            int hops = 2 + (P(0.3) ? 1 : 0);
            for (int h = 0; h < hops; h++)
            {
                var gw = PickGatewayV6(out var dev);
                sb.Append($" nexthop via {gw} dev {dev}{(P(0.4) ? $" weight {1 + _r.Next(3)}" : "")}");
            }
            line = sb.ToString();
        }
        else if (w < 90)
        {
            string type = Pick(new[] { "blackhole", "unreachable", "unreachable", "prohibit", "throw", "throw" });
            line = $"route {verb} {type} {dst.ToRouteString()}{table}{metric}";
        }
        else if (w < 95)
        {
            var addr = IPAddress.Parse($"2001:db8:77::{1 + _r.Next(3)}");
            line = $"route {verb} local {addr} dev {Pick(_devs)}{(P(0.5) ? "" : table)}";
            _ownV6.Add(addr);
        }
        else
        {
            // Source-specific route (needs CONFIG_IPV6_SUBTREES).
            var from = _prefV6.Count > 0 ? Pick(_prefV6) : Prefix6("2001:db8:1::/64");
            var gw = PickGatewayV6(out var dev);
            line = $"route {verb} {dst.ToRouteString()} from {from} via {gw} dev {dev}{table}{metric}";
        }
        Add(StepTarget.HostIp6, line);
    }

    // ---- Rules ------------------------------------------------------------------------------

    private void GenerateRule(Family f)
    {
        var sb = new System.Text.StringBuilder("rule add");
        uint? pref = null;
        if (P(0.6))
        {
            pref = Pick(_rulePrefs);
            if (P(0.2)) pref += (uint)_r.Next(1, 40);
            sb.Append($" pref {pref}");
        }
        if (P(0.08)) sb.Append(" not");
        if (P(0.25)) sb.Append($" from {RuleFrom(f)}");
        if (P(0.2)) sb.Append($" to {(f == Family.Inet ? Pick(_prefV4.Count > 0 ? _prefV4 : [Prefix4("8.8.8.0/24")]) : Pick(_prefV6.Count > 0 ? _prefV6 : [Prefix6("2001:db8::/32")]))}");
        if (P(0.15))
        {
            double v = _r.NextDouble();
            sb.Append($" iif {(v < 0.6 ? Pick(_devs) : v < 0.85 ? "lo" : "ghost0")}");
        }
        if (P(0.1)) sb.Append($" oif {(P(0.85) ? Pick(_devs) : "ghost1")}");
        if (P(0.15))
        {
            uint m = Pick(Marks);
            sb.Append(P(0.4) ? $" fwmark {Hex(m)}/{Hex(Pick(new uint[] { 0xff, 0xf0, 0xffff, 0x1 }))}" : $" fwmark {Hex(m)}");
        }
        else if (P(0.03)) sb.Append(" fwmark 0");
        if (P(0.07)) sb.Append($" tos {Hex(Pick(new byte[] { 0x04, 0x08, 0x10 }))}");
        if (P(0.12)) sb.Append($" ipproto {Pick(new[] { "tcp", "udp", "icmp" })}");
        if (P(0.08)) sb.Append($" sport {PortSel()}");
        if (P(0.12)) sb.Append($" dport {PortSel()}");
        if (P(0.1)) sb.Append($" uidrange {Pick(new[] { "0-0", "1000-1999", "0-999", "1500-1500" })}");

        int a = _r.Next(100);
        if (a < 66)
        {
            double v = _r.NextDouble();
            string t = v < 0.55 ? Pick(_tables).ToString(CultureInfo.InvariantCulture)
                : v < 0.75 ? "main" : v < 0.82 ? "local" : v < 0.9 ? "default" : (200 + _r.Next(3)).ToString(CultureInfo.InvariantCulture);
            sb.Append($" lookup {t}");
            if (P(0.12)) sb.Append($" suppress_prefixlength {Pick(new[] { 0, 8, 16, 24, 32, 64 })}");
            if (P(0.08) || (_groups.Count > 0 && P(0.2))) sb.Append($" suppress_ifgroup {(_groups.Count > 0 ? Pick(_groups) : 1)}");
        }
        else if (a < 76)
        {
            uint target = Pick(_rulePrefs);
            if (pref is not null && P(0.7))
            {
                var later = _rulePrefs.Where(x => x > pref).ToList();
                target = later.Count > 0 ? Pick(later) : pref.Value + 10;
            }
            sb.Append($" goto {target}");
        }
        else if (a < 80) sb.Append(" nop");
        else if (a < 87) sb.Append(" blackhole");
        else if (a < 94) sb.Append(" unreachable");
        else sb.Append(" prohibit");
        Add(f == Family.Inet ? StepTarget.HostIp4 : StepTarget.HostIp6, sb.ToString());
    }

    private string RuleFrom(Family f)
    {
        if (f == Family.Inet)
        {
            double v = _r.NextDouble();
            if (v < 0.45 && _ownV4.Count > 0) return Pick(_ownV4).ToString();
            if (v < 0.75 && _prefV4.Count > 0) return Pick(_prefV4).ToString();
            if (v < 0.85) return "0.0.0.0/8";
            return $"{A((uint)_r.Next() & Mask(16))}/16";
        }
        if (P(0.5) && _ownV6.Count > 0) return Pick(_ownV6).ToString();
        return _prefV6.Count > 0 ? Pick(_prefV6).ToString() : "2001:db8::/32";
    }

    private string PortSel()
    {
        if (P(0.6)) return Pick(Ports).ToString(CultureInfo.InvariantCulture);
        ushort a = Pick(Ports), b = Pick(Ports);
        return $"{Math.Min(a, b)}-{Math.Max(a, b)}";
    }
}
