using System.Collections.Immutable;
using System.Net;
using Symroute.Model;

namespace Symroute.Tests.Planning;

/// <summary>Small host states for planner unit tests, with the kernel's connected routes and default rules.</summary>
public static class TestHosts
{
    public static LinkInfo Link(int index, string name) =>
        new(index, name, index == 1 ? ["LOOPBACK", "UP", "LOWER_UP"] : ["BROADCAST", "MULTICAST", "UP", "LOWER_UP"]);

    public static InterfaceAddress Addr(string dev, string cidr, AddressFlags flags = AddressFlags.Permanent)
    {
        var parts = cidr.Split('/');
        return new InterfaceAddress(dev, IPAddress.Parse(parts[0]), int.Parse(parts[1]), Scope.Global, flags);
    }

    public static Route Connected(string dev, string cidr, string src) =>
        new(Family.Inet, RouteTableId.Main, RouteType.Unicast, P(cidr).Network(), [new Nexthop(null, dev)], Scope.Link, RouteProtocol.Kernel, PrefSrc: IPAddress.Parse(src));

    public static Route Connected6(string dev, string cidr) =>
        new(Family.Inet6, RouteTableId.Main, RouteType.Unicast, P(cidr).Network(), [new Nexthop(null, dev)], Scope.Global, RouteProtocol.Kernel, Metric: 256);

    public static Route Default(string gw, string dev, uint? metric = null, uint table = RouteTableId.Main, byte proto = RouteProtocol.Boot)
    {
        var g = IPAddress.Parse(gw);
        var fam = g.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? Family.Inet6 : Family.Inet;
        return new Route(fam, table, RouteType.Unicast, IpPrefix.Default(fam), [new Nexthop(g, dev)], Scope.Global, proto, metric ?? (fam == Family.Inet6 ? 1024u : null));
    }

    public static ImmutableArray<Rule> DefaultRules { get; } =
    [
        new Rule(Family.Inet, 0, RuleAction.Lookup, Table: RouteTableId.Local, Protocol: RouteProtocol.Kernel),
        new Rule(Family.Inet, 32766, RuleAction.Lookup, Table: RouteTableId.Main, Protocol: RouteProtocol.Kernel),
        new Rule(Family.Inet, 32767, RuleAction.Lookup, Table: RouteTableId.Default, Protocol: RouteProtocol.Kernel),
        new Rule(Family.Inet6, 0, RuleAction.Lookup, Table: RouteTableId.Local, Protocol: RouteProtocol.Kernel),
        new Rule(Family.Inet6, 32766, RuleAction.Lookup, Table: RouteTableId.Main, Protocol: RouteProtocol.Kernel),
    ];

    public static IpPrefix P(string s) => IpPrefix.TryParse(s, null, out var p) ? p.Value : throw new ArgumentException(s);

    public static HostState MakeHost(IEnumerable<LinkInfo> links, IEnumerable<InterfaceAddress> addrs, IEnumerable<Route> routes, IEnumerable<Rule>? rules = null, Sysctls? sysctls = null) =>
        new([.. links], [.. addrs], [.. routes], rules is null ? DefaultRules : [.. rules], sysctls ?? Sysctls.Empty, TableNames.Builtin);
}
