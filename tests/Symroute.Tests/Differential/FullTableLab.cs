using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Symroute.Tests.Lab;

namespace Symroute.Tests.Differential;

/// <summary>
/// A namespace carrying a sample of the real Internet table, for the differential test at scale:
/// veth0 and veth1 (both ends in the namespace, each with its subnets), the sampled prefixes via
/// twenty different gateways on each, in main and (a different sample, other gateways, some
/// unreachable and blackhole routes) in table 100. <see cref="AddSourceRule"/> then adds the rule
/// that makes table 100 reachable and takes IPv4 off the merged local/main fast path.
/// </summary>
public sealed class FullTableLab : IDisposable
{
    public const uint SecondTable = 100;
    public static readonly IPAddress Source4 = IPAddress.Parse("10.254.0.2");
    public static readonly IPAddress Source6 = IPAddress.Parse("2001:db8:fffe::2");

    public Netns Ns { get; }

    /// <summary>The sampled prefixes ("ADDR/LEN"), main's then table 100's.</summary>
    public IReadOnlyList<string> Prefixes { get; }

    private FullTableLab(Netns ns, IReadOnlyList<string> prefixes)
    {
        Ns = ns;
        Prefixes = prefixes;
    }

    /// <summary>Builds the namespace with <paramref name="sample"/> prefixes per table, drawn with <paramref name="seed"/>.</summary>
    public static FullTableLab Build(int sample, int seed)
    {
        var all = FullTableData.Lines().ToArray();
        var rng = new Random(seed);
        var main = Sample(all, sample, rng);
        var second = Sample(all, sample, rng);
        var ns = Netns.Create("fulltab");
        try
        {
            ns.IpBatch([
                "link add veth0 type veth peer name veth1",
                "addr add 10.255.0.2/24 dev veth0",
                "addr add 10.254.0.2/24 dev veth1",
                "addr add 2001:db8:ffff::2/64 dev veth0 nodad",
                "addr add 2001:db8:fffe::2/64 dev veth1 nodad",
                "link set veth0 up",
                "link set veth1 up",
            ]);
            var lines = new List<string>(2 * sample);
            foreach (var p in main)
                lines.Add($"route add {p} via {Gateway(p, rng)} proto bgp metric 20");
            foreach (var p in second)
            {
                int kind = rng.Next(50);
                lines.Add(kind switch
                {
                    0 => $"route add unreachable {p} table {SecondTable}",
                    1 => $"route add blackhole {p} table {SecondTable}",
                    _ => $"route add {p} via {Gateway(p, rng)} proto bgp metric 30 table {SecondTable}",
                });
            }
            ns.IpBatch(lines);
            return new FullTableLab(ns, [.. main, .. second]);
        }
        catch
        {
            ns.Dispose();
            throw;
        }
    }

    /// <summary><c>from 10.254.0.2 lookup 100</c> (and the IPv6 counterpart): table 100 in use, IPv4 off the fast path.</summary>
    public void AddSourceRule()
    {
        Ns.Ip("rule", "add", "from", Source4.ToString(), "lookup", $"{SecondTable}", "priority", "1000");
        Ns.Ip("-6", "rule", "add", "from", Source6.ToString(), "lookup", $"{SecondTable}", "priority", "1000");
    }

    private static List<string> Sample(string[] all, int count, Random rng)
    {
        var picked = new HashSet<int>();
        while (picked.Count < Math.Min(count, all.Length))
            picked.Add(rng.Next(all.Length));
        return [.. picked.Order().Select(i => all[i])];
    }

    private static string Gateway(string prefix, Random rng)
    {
        // .1 and .3 to .21: .2 is the namespace's own address.
        int host = rng.Next(20) is var n && n == 0 ? 1 : n + 2;
        bool v6 = prefix.Contains(':');
        return rng.Next(2) == 0
            ? (v6 ? $"2001:db8:ffff::{host:x}" : $"10.255.0.{host}")
            : (v6 ? $"2001:db8:fffe::{host:x}" : $"10.254.0.{host}");
    }

    /// <summary>
    /// Queries: addresses inside sampled prefixes (first, last and random hosts), uniform random
    /// addresses, each plain or from the second uplink's address.
    /// </summary>
    public IReadOnlyList<DiffQuery> Queries(int count, int seed)
    {
        var rng = new Random(seed);
        var queries = new List<DiffQuery>(count);
        Span<byte> b = stackalloc byte[16];
        Span<byte> host = stackalloc byte[16];
        while (queries.Count < count)
        {
            IPAddress dst;
            int pick = rng.Next(10);
            if (pick < 7)
            {
                string p = Prefixes[rng.Next(Prefixes.Count)];
                int slash = p.IndexOf('/');
                var net = IPAddress.Parse(p[..slash]);
                int len = int.Parse(p[(slash + 1)..], CultureInfo.InvariantCulture);
                int n = net.AddressFamily == AddressFamily.InterNetwork ? 4 : 16;
                net.TryWriteBytes(b, out _);
                rng.NextBytes(host);
                if (pick == 0) host.Clear();
                if (pick == 1) host.Fill(0xFF);
                for (int bit = len; bit < n * 8; bit++)
                {
                    byte m = (byte)(0x80 >> (bit % 8));
                    b[bit / 8] = (byte)((b[bit / 8] & ~m) | (host[bit / 8] & m));
                }
                dst = new IPAddress(b[..n]);
            }
            else
            {
                rng.NextBytes(b);
                if (pick == 9)
                {
                    b[0] = (byte)(0x20 | (b[0] & 0x0F));
                    dst = new IPAddress(b);
                }
                else
                    dst = new IPAddress(b[..4]);
            }
            bool v6 = dst.AddressFamily == AddressFamily.InterNetworkV6;
            queries.Add(rng.Next(3) == 0 ? new DiffQuery(dst, From: v6 ? Source6 : Source4) : new DiffQuery(dst));
        }
        return queries;
    }

    public void Dispose() => Ns.Dispose();
}
