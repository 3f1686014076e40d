using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using Symroute.Model;

namespace Symroute.Checks;

/// <summary>
/// Facts derived from a <see cref="HostState"/> that several checks share: the interfaces that
/// carry global addresses and their gateways, and the kernel's sysctl combinations.
/// </summary>
public sealed class HostFacts
{
    public HostState State { get; }

    /// <summary>Non-loopback interfaces that carry at least one usable global address, in ifindex order.</summary>
    public ImmutableArray<InterfaceFacts> Interfaces { get; }

    public HostFacts(HostState state)
    {
        State = state;
        var order = new List<(LinkInfo Link, ImmutableArray<InterfaceAddress> Addresses)>();
        // Per interface: gateways and default routes by rank (0 main's default, 1 other defaults, 2 the rest).
        var seen = new Dictionary<string, (List<IPAddress>[] Gateways, List<Route>[] Defaults)>(StringComparer.Ordinal);
        foreach (var link in state.Links)
        {
            if (link.IsLoopback) continue;
            var addrs = state.Addresses.Where(a => a.Dev == link.Name && IsUsableGlobal(a)).ToImmutableArray();
            if (addrs.IsEmpty) continue;
            order.Add((link, addrs));
            seen[link.Name] = ([[], [], []], [[], []]);
        }
        // One pass over the routes: a BGP edge host carries a million of them through each uplink.
        // The same pass groups them by table and keeps the few (default, local) that checks look
        // for, so that no check walks every route again. Routes of one table come together and
        // share their device names and gateways: the last ones seen stand in for dictionary lookups.
        string? lastDev = null;
        (List<IPAddress>[] Gateways, List<Route>[] Defaults) lastVia = default;
        List<IPAddress>? lastBucket = null;
        IPAddress? lastGateway = null;
        (uint, Family) lastKey = default;
        List<Route>? lastTable = null;
        foreach (var r in state.Routes)
        {
            var key = (r.Table, r.Family);
            if (lastTable is null || key != lastKey)
            {
                if (!_byTable.TryGetValue(key, out lastTable))
                    _byTable[key] = lastTable = [];
                lastKey = key;
            }
            lastTable.Add(r);
            if (r.Dst.IsDefault) _defaults.Add(r);
            if (r.Type == RouteType.Local) _localRoutes.Add(r);
            if (r.Type != RouteType.Unicast) continue;
            int rank = r.Table == RouteTableId.Main && r.Dst.IsDefault ? 0 : r.Dst.IsDefault ? 1 : 2;
            var nexthops = r.Nexthops;
            for (int i = 0; i < nexthops.Length; i++)
            {
                string? dev = nexthops[i].Dev;
                if (dev is null) continue;
                (List<IPAddress>[] Gateways, List<Route>[] Defaults) via;
                if (ReferenceEquals(dev, lastDev))
                    via = lastVia;
                else if (seen.TryGetValue(dev, out via))
                    (lastDev, lastVia) = (dev, via);
                else
                    continue;
                if (nexthops.Length > 1 && FirstIndexOfDev(r, dev) != i) continue;
                var bucket = via.Gateways![rank];
                foreach (var nh in nexthops)
                {
                    if (nh.Dev != dev || nh.Gateway is not { } gw) continue;
                    if (ReferenceEquals(gw, lastGateway) && ReferenceEquals(bucket, lastBucket)) continue;
                    if (!bucket.Contains(gw)) bucket.Add(gw);
                    (lastGateway, lastBucket) = (gw, bucket);
                }
                if (rank < 2) via.Defaults![rank].Add(r);
            }
        }
        var list = ImmutableArray.CreateBuilder<InterfaceFacts>();
        foreach (var (link, addrs) in order)
        {
            var via = seen[link.Name];
            var gateways = new List<IPAddress>();
            foreach (var bucket in via.Gateways)
                foreach (var gw in bucket)
                    if (!gateways.Contains(gw)) gateways.Add(gw);
            list.Add(new InterfaceFacts(link, addrs, [.. gateways], [.. via.Defaults[0], .. via.Defaults[1]]));
        }
        Interfaces = list.ToImmutable();
    }

    private static int FirstIndexOfDev(Route r, string dev)
    {
        for (int j = 0; j < r.Nexthops.Length; j++)
            if (r.Nexthops[j].Dev == dev) return j;
        return -1;
    }

    /// <summary>Two or more interfaces carry global addresses.</summary>
    public bool IsMultiHomed => Interfaces.Length >= 2;

    public InterfaceFacts? Find(string dev) => Interfaces.FirstOrDefault(i => i.Name == dev);

    /// <summary>The interface owning a local address (any scope), or null.</summary>
    public string? OwnerOf(IPAddress address)
    {
        foreach (var a in State.Addresses)
            if (a.Local.Equals(address)) return a.Dev;
        return null;
    }

    public bool IsLocal(IPAddress address) => OwnerOf(address) is not null;

    /// <summary>
    /// An address replies can be sent from: global (or site) scope, not loopback, not tentative or
    /// DAD-failed (the kernel never uses those as source), not IPv6 link-local.
    /// </summary>
    public static bool IsUsableGlobal(InterfaceAddress a)
    {
        if (a.Scope is not (Scope.Global or Scope.Site)) return false;
        if ((a.Flags & (AddressFlags.Tentative | AddressFlags.DadFailed)) != 0 && (a.Flags & AddressFlags.Optimistic) == 0) return false;
        if (IPAddress.IsLoopback(a.Local)) return false;
        if (a.Local.AddressFamily == AddressFamily.InterNetworkV6 && (a.Local.IsIPv6LinkLocal || a.Local.IsIPv6Multicast)) return false;
        return true;
    }

    /// <summary>Effective <c>rp_filter</c> on a device: max(all, dev) (include/linux/inetdevice.h IN_DEV_RPFILTER). Null when neither is known.</summary>
    public int? RpFilter(string dev) => Max(State.Sysctls.Ipv4For("all").RpFilter, State.Sysctls.Ipv4For(dev).RpFilter);

    /// <summary>Effective <c>arp_ignore</c>: max(all, dev) (IN_DEV_ARP_IGNORE).</summary>
    public int? ArpIgnore(string dev) => Max(State.Sysctls.Ipv4For("all").ArpIgnore, State.Sysctls.Ipv4For(dev).ArpIgnore);

    /// <summary>Effective <c>arp_announce</c>: max(all, dev) (IN_DEV_ARP_ANNOUNCE).</summary>
    public int? ArpAnnounce(string dev) => Max(State.Sysctls.Ipv4For("all").ArpAnnounce, State.Sysctls.Ipv4For(dev).ArpAnnounce);

    /// <summary>Effective <c>arp_filter</c>: all OR dev (IN_DEV_ARPFILTER).</summary>
    public int? ArpFilter(string dev) => Or(State.Sysctls.Ipv4For("all").ArpFilter, State.Sysctls.Ipv4For(dev).ArpFilter);

    /// <summary>IPv4 forwarding as the input path reads it: the device's own value only (ip_route_input_slow checks IN_DEV_FORWARD(in_dev)).</summary>
    public int? Forwarding(string dev) => State.Sysctls.Ipv4For(dev).Forwarding ?? State.Sysctls.Ipv4For("all").Forwarding;

    private static int? Max(int? a, int? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    private static int? Or(int? a, int? b) => a is null && b is null ? null : ((a ?? 0) != 0 || (b ?? 0) != 0) ? 1 : 0;

    /// <summary>Routes of a table and family, in order (as the state lists them).</summary>
    public IReadOnlyList<Route> TableRoutes(uint table, Family family) =>
        _byTable.TryGetValue((table, family), out var routes) ? routes : [];

    /// <summary>The (table, family) pairs that hold at least one route, as the routes name them.</summary>
    public IEnumerable<(uint Table, Family Family)> PopulatedTables => _byTable.Keys;

    /// <summary>Default routes (any table, type, family), in order.</summary>
    public IReadOnlyList<Route> DefaultRoutes => _defaults;

    /// <summary>Routes of type local (any table, family), in order.</summary>
    public IReadOnlyList<Route> LocalRoutes => _localRoutes;

    /// <summary>Devices the nexthops of a table's routes name, distinct, in order of first use; <paramref name="unicastOnly"/> skips other route types.</summary>
    public IReadOnlyList<string> TableDevices(uint table, Family family, bool unicastOnly)
    {
        var key = (table, family, unicastOnly);
        lock (_devices)
        {
            if (_devices.TryGetValue(key, out var cached)) return cached;
            var devs = new List<string>();
            string? last = null;
            foreach (var r in TableRoutes(table, family))
            {
                if (unicastOnly && r.Type != RouteType.Unicast) continue;
                foreach (var nh in r.Nexthops)
                {
                    if (nh.Dev is not { } dev || ReferenceEquals(dev, last)) continue;
                    last = dev;
                    if (!devs.Contains(dev)) devs.Add(dev);
                }
            }
            _devices[key] = devs;
            return devs;
        }
    }

    // Grouped once, in the pass above: checks ask table by table, and a scan of every route per
    // question is seconds on a full Internet table.
    private readonly Dictionary<(uint, Family), List<Route>> _byTable = [];
    private readonly List<Route> _defaults = [];
    private readonly List<Route> _localRoutes = [];
    private readonly Dictionary<(uint, Family, bool), List<string>> _devices = [];

    /// <summary>The table name iproute2 prints.</summary>
    public string TableName(uint table) => State.TableNames.Format(table);
}
