using System.Buffers.Binary;
using System.Net;
using Symroute.Model;
using Symroute.Simulation.Fib;
using Xunit;

namespace Symroute.Tests.Simulation.Fib;

/// <summary>The poptrie-backed <see cref="PrefixMap{T}"/> against the simple <see cref="ReferencePrefixMap{T}"/>.</summary>
public class PrefixMapTests
{
    private static IpPrefix Prefix(string text) => IpPrefix.TryParse(text, null, out var p) ? p.Value : throw new ArgumentException(text);

    private static List<KeyValuePair<IpPrefix, string>> RandomItems(Random rng, Family family, int count)
    {
        var seen = new HashSet<string>();
        var items = new List<KeyValuePair<IpPrefix, string>>();
        int max = family == Family.Inet ? 32 : 128;
        Span<byte> b = stackalloc byte[16];
        while (items.Count < count)
        {
            rng.NextBytes(b);
            // Cluster the addresses so that prefixes nest: few distinct first bytes.
            b[0] = (byte)(family == Family.Inet ? 10 + rng.Next(3) : 0x20);
            b[1] = (byte)rng.Next(4);
            int len = rng.Next(max + 1);
            var address = new IPAddress(family == Family.Inet ? b[..4] : b);
            var p = new IpPrefix(address, len).Network();
            if (seen.Add(p.ToString()))
                items.Add(new(p, p.ToString()));
        }
        return items;
    }

    [Theory]
    [InlineData(Family.Inet, 1)]
    [InlineData(Family.Inet, 2)]
    [InlineData(Family.Inet6, 3)]
    [InlineData(Family.Inet6, 4)]
    public void Agrees_with_the_reference_through_every_backtracking_step(Family family, int seed)
    {
        var rng = new Random(seed);
        var items = RandomItems(rng, family, 2000);
        if (!items.Any(kv => kv.Key.Length == 0))
            items.Add(new(IpPrefix.Default(family), "default"));
        var fast = PrefixMap<string>.Build(family, items);
        var reference = ReferencePrefixMap<string>.Build(family, items);
        Assert.Equal(reference.Count, fast.Count);
        Span<byte> b = stackalloc byte[16];
        for (int i = 0; i < 20_000; i++)
        {
            rng.NextBytes(b);
            b[0] = (byte)(family == Family.Inet ? 10 + rng.Next(4) : 0x20);
            b[1] = (byte)rng.Next(5);
            int max = family == Family.Inet ? 32 : 128;
            while (true)
            {
                bool f, r;
                int fl, rl;
                string? fv, rv;
                if (family == Family.Inet)
                {
                    uint a = BinaryPrimitives.ReadUInt32BigEndian(b);
                    f = fast.TryMatch(a, max, out fl, out fv);
                    r = reference.TryMatch(a, max, out rl, out rv);
                }
                else
                {
                    UInt128 a = BinaryPrimitives.ReadUInt128BigEndian(b);
                    f = fast.TryMatch(a, max, out fl, out fv);
                    r = reference.TryMatch(a, max, out rl, out rv);
                }
                Assert.Equal(r, f);
                if (!r) break;
                Assert.Equal(rl, fl);
                Assert.Equal(rv, fv);
                max = rl - 1;
            }
        }
    }

    [Fact]
    public void Backtracks_to_shorter_prefixes_and_stops_below_zero()
    {
        var map = PrefixMap<int>.Build(Family.Inet, [new(Prefix("10.0.0.0/8"), 8), new(Prefix("10.1.0.0/16"), 16), new(Prefix("0.0.0.0/0"), 0), new(Prefix("10.1.2.3/32"), 32)]);
        uint a = 0x0A010203;
        Assert.True(map.TryMatch(a, 32, out int len, out int v));
        Assert.Equal((32, 32), (len, v));
        Assert.True(map.TryMatch(a, 31, out len, out v));
        Assert.Equal((16, 16), (len, v));
        Assert.True(map.TryMatch(a, 15, out len, out v));
        Assert.Equal((8, 8), (len, v));
        Assert.True(map.TryMatch(a, 7, out len, out v));
        Assert.Equal((0, 0), (len, v));
        Assert.False(map.TryMatch(a, -1, out _, out _));
        Assert.False(map.TryMatch(0x0A010203, -5, out _, out _));
    }

    [Fact]
    public void Empty_and_other_family_maps_match_nothing()
    {
        var empty = PrefixMap<int>.Build(Family.Inet, []);
        Assert.False(empty.TryMatch(0u, 32, out _, out _));
        var v6 = PrefixMap<int>.Build(Family.Inet6, [new(Prefix("::/0"), 1)]);
        Assert.False(v6.TryMatch(0u, 32, out _, out _));
        Assert.True(v6.TryMatch(UInt128.MaxValue, 128, out int len, out int v));
        Assert.Equal((0, 1), (len, v));
    }

    [Fact]
    public void Duplicates_and_wrong_families_are_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => PrefixMap<int>.Build(Family.Inet, [new(Prefix("10.0.0.0/8"), 1), new(Prefix("10.9.9.9/8"), 2)]));
        Assert.Contains("10.0.0.0/8 given twice", e.Message);
        Assert.Throws<ArgumentException>(() => PrefixMap<int>.Build(Family.Inet, [new(Prefix("2001:db8::/32"), 1)]));
    }

    [Fact]
    public void The_array_builder_keeps_values_with_their_prefixes_in_any_input_order()
    {
        uint[] addresses = [0x0A000000, 0xC0000200, 0x0A010000, 0];
        byte[] lengths = [8, 24, 16, 0];
        string[] values = ["10/8", "192.0.2/24", "10.1/16", "default"];
        var map = PrefixMap<string>.Build4(addresses, lengths, values);
        Assert.True(map.TryMatch(0x0A010101, 32, out _, out var v));
        Assert.Equal("10.1/16", v);
        Assert.True(map.TryMatch(0xC0000201, 32, out _, out v));
        Assert.Equal("192.0.2/24", v);
        Assert.True(map.TryMatch(0x0B000001, 32, out _, out v));
        Assert.Equal("default", v);
    }
}
