using Symroute.Simulation.Fib;
using Symroute.Tests.Lab;
using Xunit;

namespace Symroute.Tests.Simulation.Fib;

/// <summary>Ipv4Lpm and Ipv6Lpm against <see cref="ReferenceLpm"/> on random and adversarial prefix sets.</summary>
public class LpmTests
{
    private sealed class Both
    {
        public required int Width { get; init; }
        public required List<(UInt128 Address, byte Length)> Prefixes { get; init; }
        public required ReferenceLpm Reference { get; init; }
        public Ipv4Lpm? V4 { get; init; }
        public Ipv6Lpm? V6 { get; init; }
        /// <summary>The same prefixes in the full-table layout (18 direct bits, IPv4 leaf-only records), whatever their number.</summary>
        public Both? Full { get; init; }

        public static Both Of(int width, List<(UInt128 Address, byte Length)> prefixes) => Of(width, prefixes, null, new ReferenceLpm(width, prefixes));

        private static Both Of(int width, List<(UInt128 Address, byte Length)> prefixes, int? directBits, ReferenceLpm reference)
        {
            var lengths = prefixes.Select(p => p.Length).ToArray();
            var v4 = prefixes.Select(p => (uint)p.Address).ToArray();
            var v6 = prefixes.Select(p => p.Address).ToArray();
            return new Both
            {
                Width = width,
                Prefixes = prefixes,
                Reference = reference,
                V4 = width != 32 ? null : directBits is { } d4 ? Ipv4Lpm.Build(v4, lengths, d4) : Ipv4Lpm.Build(v4, lengths),
                V6 = width != 128 ? null : directBits is { } d6 ? Ipv6Lpm.Build(v6, lengths, d6) : Ipv6Lpm.Build(v6, lengths),
                Full = directBits is not null ? null
                    : Of(width, prefixes, width == 32 ? Ipv4Lpm.FullDirectBits : Ipv6Lpm.FullDirectBits, reference),
            };
        }

        /// <summary>The match as a position in the build input (as the reference answers), and its length.</summary>
        private bool Fast(UInt128 address, int maxLength, out int source, out int length)
        {
            bool found = V4 is not null ? V4.TryMatch((uint)address, maxLength, out int id) : V6!.TryMatch(address, maxLength, out id);
            source = !found ? -1 : V4 is not null ? V4.SourceIndexOf(id) : V6!.SourceIndexOf(id);
            length = !found ? -1 : V4 is not null ? V4.LengthOf(id) : V6!.LengthOf(id);
            Assert.Equal(found, id >= 0);
            return found;
        }

        /// <summary>Checks the match and the whole backtracking chain below it, as the simulator walks it.</summary>
        public void Check(UInt128 address)
        {
            int maxLength = Width;
            while (true)
            {
                int expected = Reference.Match(address, maxLength);
                bool found = Fast(address, maxLength, out int source, out int length);
                if (expected != source)
                    Assert.Fail($"address {address:X} maxLength {maxLength}: expected prefix #{expected}, got #{source}");
                Assert.Equal(expected >= 0, found);
                if (!found) break;
                Assert.Equal(Prefixes[source].Length, length);
                maxLength = length - 1;
            }
            // The default match (no maxLength) is the first step of the chain.
            int longest = Reference.Match(address, Width);
            int plain = V4 is not null
                ? (V4.TryMatch((uint)address, out int a) ? V4.SourceIndexOf(a) : -1)
                : (V6!.TryMatch(address, out int b) ? V6.SourceIndexOf(b) : -1);
            Assert.Equal(longest, plain);
            Full?.Check(address);
        }

        /// <summary>Checks random addresses plus the first, last and neighbouring addresses of every prefix.</summary>
        public void CheckAround(Random rng, int randomQueries)
        {
            UInt128 max = Width == 32 ? uint.MaxValue : UInt128.MaxValue;
            for (int i = 0; i < randomQueries; i++)
                Check(RandomAddress(rng, Width));
            foreach (var (address, length) in Prefixes)
            {
                UInt128 first = Reference.Mask(address, length);
                UInt128 last = first | (length == Width ? 0 : (max >> length));
                Check(first);
                Check(last);
                if (first > 0) Check(first - 1);
                if (last < max) Check(last + 1);
                Check(first | (RandomAddress(rng, Width) & (length == Width ? 0 : (max >> length))));
            }
        }
    }

    private static UInt128 RandomAddress(Random rng, int width)
    {
        Span<byte> b = stackalloc byte[16];
        rng.NextBytes(b);
        var a = new UInt128(BitConverter.ToUInt64(b), BitConverter.ToUInt64(b[8..]));
        return width == 32 ? (uint)a : a;
    }

    private static List<(UInt128, byte)> RandomPrefixes(Random rng, int width, int count, Func<Random, int> length)
    {
        var seen = new HashSet<(UInt128, byte)>();
        var list = new List<(UInt128, byte)>();
        var reference = new ReferenceLpm(width, []);
        while (list.Count < count)
        {
            byte l = (byte)length(rng);
            var p = (reference.Mask(RandomAddress(rng, width), l), l);
            if (seen.Add(p)) list.Add(p);
        }
        return list;
    }

    private static UInt128 V4(string dotted) => BitConverter.ToUInt32(System.Net.IPAddress.Parse(dotted).GetAddressBytes().Reverse().ToArray());

    private static UInt128 V6(string text) =>
        System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(System.Net.IPAddress.Parse(text).GetAddressBytes());

    [Theory]
    [InlineData(32)]
    [InlineData(128)]
    public void EmptyTableMatchesNothing(int width)
    {
        var t = Both.Of(width, []);
        var rng = new Random(1);
        for (int i = 0; i < 1000; i++) t.Check(RandomAddress(rng, width));
        t.Check(0);
        t.Check(width == 32 ? uint.MaxValue : UInt128.MaxValue);
    }

    [Theory]
    [InlineData(32)]
    [InlineData(128)]
    public void DefaultOnlyMatchesEverythingAtLengthZero(int width)
    {
        var t = Both.Of(width, [(0, 0)]);
        t.CheckAround(new Random(2), 1000);
        if (t.V4 is not null)
        {
            Assert.True(t.V4.TryMatch(0xC0000201, out int id));
            Assert.Equal(0, t.V4.LengthOf(id));
            Assert.False(t.V4.TryMatch(0xC0000201, -1, out _));
        }
        else
        {
            Assert.True(t.V6!.TryMatch(V6("2001:db8::1"), out int id));
            Assert.Equal(0, t.V6.LengthOf(id));
        }
    }

    [Theory]
    [InlineData(32)]
    [InlineData(128)]
    public void EveryLengthNestedOnOneAddress(int width)
    {
        // /0, /1, … /width all containing one address: every backtracking step is one shorter.
        var rng = new Random(3);
        UInt128 a = RandomAddress(rng, width);
        var reference = new ReferenceLpm(width, []);
        var prefixes = Enumerable.Range(0, width + 1).Select(l => (reference.Mask(a, l), (byte)l)).ToList();
        var t = Both.Of(width, prefixes);
        t.CheckAround(rng, 2000);
        // Input order must not matter: the ids follow the input.
        var shuffled = prefixes.OrderBy(_ => rng.Next()).ToList();
        Both.Of(width, shuffled).CheckAround(rng, 200);
    }

    [Theory]
    [InlineData(32)]
    [InlineData(128)]
    public void EveryOtherLengthNested(int width)
    {
        var rng = new Random(4);
        UInt128 a = RandomAddress(rng, width);
        var reference = new ReferenceLpm(width, []);
        var prefixes = Enumerable.Range(0, width + 1).Where(l => l % 2 == 1).Select(l => (reference.Mask(a, l), (byte)l)).ToList();
        Both.Of(width, prefixes).CheckAround(rng, 2000);
    }

    [Fact]
    public void HostRoutesAndBoundaries()
    {
        var prefixes = new List<(UInt128, byte)>
        {
            (V4("0.0.0.0"), 32), (V4("255.255.255.255"), 32), (V4("10.0.0.1"), 32), (V4("10.0.0.0"), 8),
            (V4("10.0.0.0"), 24), (V4("10.0.0.0"), 25), (V4("10.0.0.128"), 25), (V4("10.0.0.255"), 32),
            (V4("10.0.255.0"), 24), (V4("192.168.0.0"), 18), (V4("192.168.64.0"), 18), (V4("192.168.0.0"), 17),
            (V4("172.16.0.0"), 12), (V4("172.16.0.0"), 30), (V4("172.16.0.4"), 31), (V4("128.0.0.0"), 1),
        };
        var t = Both.Of(32, prefixes);
        t.CheckAround(new Random(5), 5000);
        Assert.True(t.V4!.TryMatch((uint)V4("10.0.0.1"), out int id));
        Assert.Equal(32, t.V4.LengthOf(id));
        Assert.True(t.V4.TryMatch((uint)V4("10.0.0.1"), 31, out id));
        Assert.Equal(25, t.V4.LengthOf(id));
        Assert.True(t.V4.TryMatch((uint)V4("10.0.0.1"), 24, out id));
        Assert.Equal(24, t.V4.LengthOf(id));
        Assert.True(t.V4.TryMatch((uint)V4("10.0.0.1"), 23, out id));
        Assert.Equal(8, t.V4.LengthOf(id));
        Assert.False(t.V4.TryMatch((uint)V4("10.0.0.1"), 7, out _));
    }

    [Fact]
    public void Ipv6HostRoutesAcrossTheHalves()
    {
        // Lengths near 64 (where the lookup moves to the low half) and past 122 (zero-padded chunk).
        var prefixes = new List<(UInt128, byte)>
        {
            (V6("2001:db8::"), 32), (V6("2001:db8::"), 63), (V6("2001:db8::"), 64), (V6("2001:db8::"), 65),
            (V6("2001:db8:0:0:8000::"), 65), (V6("2001:db8::1"), 128), (V6("2001:db8::"), 124), (V6("2001:db8::"), 127),
            (V6("2001:db8::f"), 128), (V6("2001:db8::10"), 124), (V6("::"), 128), (V6("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"), 128),
            (V6("fe80::"), 10), (V6("fe80::"), 64), (V6("ff00::"), 8), (V6("2000::"), 3), (V6("2001:db8:1::"), 48),
        };
        Both.Of(128, prefixes).CheckAround(new Random(6), 5000);
    }

    [Theory]
    [InlineData(32, 1)]
    [InlineData(32, 2)]
    [InlineData(128, 3)]
    [InlineData(128, 4)]
    public void RandomPrefixesOfAllLengths(int width, int seed)
    {
        var rng = new Random(seed);
        var prefixes = RandomPrefixes(rng, width, 3000, r => r.Next(width + 1));
        Both.Of(width, prefixes).CheckAround(rng, 20000);
    }

    [Theory]
    [InlineData(32, 7)]
    [InlineData(128, 8)]
    public void DenseNestedPrefixesInOneRegion(int width, int seed)
    {
        // Many prefixes of all lengths inside one /16 (IPv4) or /40 (IPv6): deep, fully populated nodes.
        var rng = new Random(seed);
        int top = width == 32 ? 16 : 40;
        UInt128 region = RandomAddress(rng, width);
        var reference = new ReferenceLpm(width, []);
        region = reference.Mask(region, top);
        var set = new HashSet<(UInt128, byte)>();
        while (set.Count < 4000)
        {
            byte l = (byte)rng.Next(top, width + 1);
            UInt128 host = RandomAddress(rng, width) & ((width == 32 ? (UInt128)uint.MaxValue : UInt128.MaxValue) >> top);
            set.Add((reference.Mask(region | host, l), l));
        }
        set.Add((region, (byte)top));
        set.Add((0, 0));
        Both.Of(width, set.ToList()).CheckAround(rng, 20000);
    }

    [Fact]
    public void EveryPrefixOfAFullTableRegion()
    {
        // An /18 holding every /19-/24 below it (126 prefixes: the largest leaf-only record of
        // the full-table layout), beside /18s whose longer prefixes need general records.
        var rng = new Random(14);
        var reference = new ReferenceLpm(32, []);
        UInt128 region = reference.Mask(RandomAddress(rng, 32), 18);
        var prefixes = new List<(UInt128, byte)> { (0, 0), (reference.Mask(region, 17), 17), (region, 18) };
        for (int l = 19; l <= 24; l++)
            for (uint i = 0; i < 1u << (l - 18); i++)
                prefixes.Add((region | ((UInt128)i << (32 - l)), (byte)l));
        UInt128 next = (region + (1 << 14)) & uint.MaxValue;
        prefixes.AddRange([(next | 0x100, 24), (next | 0x180, 25), (next | 0x181, 32), ((next + (1 << 14)) & uint.MaxValue, 24)]);
        Both.Of(32, prefixes.Distinct().ToList()).CheckAround(rng, 20000);
    }

    [Fact]
    public void Ipv6RegionTooLargeForShortLeafCodes()
    {
        // 70,000 prefixes below one 18-bit direct slot (2001::/18) need 32-bit leaf codes.
        var rng = new Random(10);
        var set = new HashSet<(UInt128, byte)> { (V6("2001::"), 16), (V6("2001::"), 18), (V6("2001::"), 20) };
        var reference = new ReferenceLpm(128, []);
        while (set.Count < 70_000)
        {
            byte l = (byte)rng.Next(19, 65);
            UInt128 a = V6("2001::") | (RandomAddress(rng, 128) >> 18);
            set.Add((reference.Mask(a, l), l));
        }
        var t = Both.Of(128, set.ToList());
        Assert.Equal(4, t.V6!.Trie.LeafSize);
        for (int i = 0; i < 20_000; i++)
            t.Check(V6("2001::") | (RandomAddress(rng, 128) >> 16));
    }

    [Theory]
    [InlineData(32)]
    [InlineData(128)]
    public void SmallTablesStaySmall(int width)
    {
        // A policy table of a few routes must not carry a full table's direct array (1 MB for
        // IPv4): a decision walks several tables and each would be a cache miss.
        var prefixes = RandomPrefixes(new Random(12), width, 20, r => r.Next(width + 1));
        var t = Both.Of(width, prefixes);
        long size = width == 32 ? t.V4!.SizeInBytes : t.V6!.SizeInBytes;
        Assert.InRange(size, 1, 16 * 1024);
        t.CheckAround(new Random(13), 5000);
    }

    [Fact]
    public void InternetLikeIpv4Distribution()
    {
        // Mostly /16-/24, a few longer and shorter, as in a BGP table.
        var rng = new Random(9);
        int[] lengths = [8, 12, 16, 16, 18, 19, 20, 21, 22, 22, 23, 23, 24, 24, 24, 24, 24, 24, 24, 24, 25, 28, 32];
        var prefixes = RandomPrefixes(rng, 32, 20000, r => lengths[r.Next(lengths.Length)]);
        Both.Of(32, prefixes).CheckAround(rng, 50000);
    }

    [FullTableFact]
    public void RealInternetTable()
    {
        var v4 = new List<(UInt128, byte)>();
        var v6 = new List<(UInt128, byte)>();
        foreach (var line in FullTableData.Lines())
        {
            int slash = line.IndexOf('/');
            byte length = byte.Parse(line.AsSpan(slash + 1));
            if (line.Contains(':')) v6.Add((V6(line[..slash]), length));
            else v4.Add((V4(line[..slash]), length));
        }
        Assert.Equal(901_899, v4.Count);
        Assert.Equal(160_147, v6.Count);
        var rng = new Random(11);
        var t4 = Both.Of(32, v4);
        for (int i = 0; i < 200_000; i++) t4.Check(RandomAddress(rng, 32));
        for (int i = 0; i < v4.Count; i += 37) t4.Check(v4[i].Item1);
        var t6 = Both.Of(128, v6);
        for (int i = 0; i < 50_000; i++) t6.Check(RandomAddress(rng, 128));
        for (int i = 0; i < v6.Count; i += 3) t6.Check(v6[i].Item1 | (RandomAddress(rng, 128) & (UInt128.MaxValue >> v6[i].Item2)));
    }

    [Theory]
    [InlineData(32)]
    [InlineData(128)]
    public void DuplicatePrefixesAreRejected(int width)
    {
        // 10.0.0.1/8 is 10.0.0.0/8 once host bits are ignored.
        List<(UInt128, byte)> prefixes = width == 32
            ? [(V4("10.0.0.0"), 8), (V4("192.0.2.0"), 24), (V4("10.0.0.1"), 8)]
            : [(V6("2001:db8::"), 32), (V6("2001:db8::1"), 32)];
        var lengths = prefixes.Select(p => p.Item2).ToArray();
        var e = width == 32
            ? Assert.Throws<ArgumentException>(() => Ipv4Lpm.Build(prefixes.Select(p => (uint)p.Item1).ToArray(), lengths))
            : Assert.Throws<ArgumentException>(() => Ipv6Lpm.Build(prefixes.Select(p => p.Item1).ToArray(), lengths));
        Assert.Contains(width == 32 ? "10.0.0.0/8" : "2001:db8::/32", e.Message);
    }

    [Fact]
    public void HostBitsAreIgnored()
    {
        var t = Both.Of(32, [(V4("10.1.2.3"), 8)]);
        Assert.True(t.V4!.TryMatch((uint)V4("10.200.0.1"), out int id));
        Assert.Equal(0, t.V4.SourceIndexOf(id));
        Assert.False(t.V4.TryMatch((uint)V4("11.0.0.1"), out _));
    }

    [Fact]
    public void LengthsBeyondTheFamilyAreRejected()
    {
        Assert.Throws<ArgumentException>(() => Ipv4Lpm.Build([0u], [33]));
        Assert.Throws<ArgumentException>(() => Ipv6Lpm.Build([UInt128.Zero], [129]));
        Assert.Throws<ArgumentException>(() => Ipv4Lpm.Build([0u, 1u], [8]));
    }
}
