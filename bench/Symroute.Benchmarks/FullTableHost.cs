using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Net;
using System.Text.Json;
using Symroute.Model;
using Symroute.Output;
using Symroute.Sources;

namespace Symroute.Benchmarks;

/// <summary>
/// A BGP edge host carrying the full table: veth0 and veth1 with one gateway each, every prefix
/// of the table via one of them (alternating), in main and optionally again in a second table.
/// The same shape bench/route-get-vs-kernel.sh loads into a namespace.
/// </summary>
public static class FullTableHost
{
    public const uint SecondTable = 100;

    /// <summary>RTPROT_BGP, as FRR and BIRD install their routes.</summary>
    public const byte RtprotBgp = 186;

    public static HostState Build(FullTable t, bool secondTable)
    {
        var links = ImmutableArray.Create(
            new LinkInfo(1, "lo", ["LOOPBACK", "UP", "LOWER_UP"], 65536, "UNKNOWN"),
            new LinkInfo(2, "veth0", ["BROADCAST", "MULTICAST", "UP", "LOWER_UP"], 1500, "UP"),
            new LinkInfo(3, "veth1", ["BROADCAST", "MULTICAST", "UP", "LOWER_UP"], 1500, "UP"));
        var addresses = ImmutableArray.Create(
            new InterfaceAddress("lo", IPAddress.Loopback, 8, Scope.Host),
            new InterfaceAddress("veth0", IPAddress.Parse("10.255.0.2"), 24),
            new InterfaceAddress("veth1", IPAddress.Parse("10.254.0.2"), 24),
            new InterfaceAddress("veth0", IPAddress.Parse("2001:db8:ffff::2"), 64),
            new InterfaceAddress("veth1", IPAddress.Parse("2001:db8:fffe::2"), 64));
        var gw4 = new[] { IPAddress.Parse("10.255.0.1"), IPAddress.Parse("10.254.0.1") };
        var gw6 = new[] { IPAddress.Parse("2001:db8:ffff::1"), IPAddress.Parse("2001:db8:fffe::1") };
        var devs = new[] { "veth0", "veth1" };
        var hops4 = new[] { ImmutableArray.Create(new Nexthop(gw4[0], devs[0])), ImmutableArray.Create(new Nexthop(gw4[1], devs[1])) };
        var hops6 = new[] { ImmutableArray.Create(new Nexthop(gw6[0], devs[0])), ImmutableArray.Create(new Nexthop(gw6[1], devs[1])) };

        var routes = ImmutableArray.CreateBuilder<Route>();
        Span<byte> b = stackalloc byte[16];
        foreach (uint table in secondTable ? new[] { RouteTableId.Main, SecondTable } : [RouteTableId.Main])
        {
            routes.Add(Connected(table, "10.254.0.0/24", "veth1", "10.254.0.2"));
            routes.Add(Connected(table, "10.255.0.0/24", "veth0", "10.255.0.2"));
            for (int i = 0; i < t.V4Addresses.Length; i++)
            {
                BinaryPrimitives.WriteUInt32BigEndian(b, t.V4Addresses[i]);
                routes.Add(new Route(Family.Inet, table, RouteType.Unicast, new IpPrefix(new IPAddress(b[..4]), t.V4Lengths[i]),
                    hops4[i % 2], Protocol: RtprotBgp, Metric: 20));
            }
            for (int i = 0; i < t.V6Addresses.Length; i++)
            {
                BinaryPrimitives.WriteUInt128BigEndian(b, t.V6Addresses[i]);
                routes.Add(new Route(Family.Inet6, table, RouteType.Unicast, new IpPrefix(new IPAddress(b), t.V6Lengths[i]),
                    hops6[i % 2], Protocol: RtprotBgp, Metric: 20, Pref: RouterPreference.Medium));
            }
        }
        return new HostState(links, addresses, routes.ToImmutable(), [], Sysctls.Empty, TableNames.Builtin);
    }

    private static Route Connected(uint table, string prefix, string dev, string src) =>
        new(Family.Inet, table, RouteType.Unicast, IpPrefix.TryParse(prefix, null, out var p) ? p.Value : throw new ArgumentException(prefix),
            [new Nexthop(null, dev)], Scope.Link, RouteProtocol.Kernel, PrefSrc: IPAddress.Parse(src));

    /// <summary>What <c>ip -json route show table all</c> prints for the routes.</summary>
    public static byte[] IpJsonRoutes(HostState state)
    {
        var buffer = new ArrayBufferWriter<byte>(state.Routes.Length * 110);
        using (var w = new Utf8JsonWriter(buffer, IpJsonWriter.Compact))
            IpJsonWriter.WriteRoutes(w, state.Routes, state.TableNames);
        return buffer.WrittenSpan.ToArray();
    }
}
