using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Symroute.Model;
using Symroute.Output;
using Symroute.Sources;
using Xunit;

namespace Symroute.Tests.Sources;

/// <summary>
/// The fast route scanner against the reader it stands in for (IpJsonRoutes.ReadArray, the
/// reference): on everything it takes it must build the same routes, and it must take nothing the
/// reader rejects. Random routes with every field, in ip's compact form and the snapshot's
/// indented one, arrays large enough to be split between threads, and damaged inputs.
/// </summary>
public class IpJsonRouteScannerTests
{
    private static readonly TableNames Names = ModelGenerator.Names;

    private static List<Route> RandomRoutes(int seed, int count)
    {
        var g = new ModelGenerator(seed);
        var devs = new List<string> { "eth0", "eth1", "veth-a", "wg0" };
        var rng = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => g.Route(rng.Next(4) == 0 ? Family.Inet6 : Family.Inet, devs)).ToList();
    }

    private static byte[] Json(IEnumerable<Route> routes, bool indented)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, IpJsonWriter.Compact with { Indented = indented }))
            IpJsonWriter.WriteRoutes(w, routes, Names);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The reference: the Utf8JsonReader path, or null when it rejects the input.</summary>
    private static List<Route>? Reference(byte[] json, Family? family)
    {
        var into = ImmutableArray.CreateBuilder<Route>();
        var cx = new JsonContext("t.json", json, Names);
        var r = new Utf8JsonReader(json, JsonContext.ReaderOptions);
        try
        {
            IpJsonSource.Run(cx, ref r, (ref Utf8JsonReader rd) => IpJsonRoutes.ReadArray(ref rd, cx, family, into));
            return [.. into];
        }
        catch (InputException)
        {
            return null;
        }
    }

    /// <summary>The scanner over the whole input, or null when it gives up or leaves data after the array.</summary>
    private static List<Route>? Scanned(byte[] json, Family? family)
    {
        var into = ImmutableArray.CreateBuilder<Route>();
        int end = IpJsonRouteScanner.TryReadArray(json, 0, json.Length, family, Names, new StringPool(), into);
        if (end < 0)
        {
            Assert.Empty(into);
            return null;
        }
        return JsonContext.IsBlank(json.AsSpan(end)) ? [.. into] : null;
    }

    private static void AssertSame(List<Route> expected, List<Route> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            // Route equality compares nexthop lists by reference: compare them by value.
            Assert.Equal(expected[i] with { Nexthops = default }, actual[i] with { Nexthops = default });
            Assert.Equal(expected[i].Nexthops.ToArray(), actual[i].Nexthops.ToArray());
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Builds_the_routes_the_reader_builds(bool indented)
    {
        int taken = 0;
        for (int seed = 1; seed <= 300; seed++)
        {
            var json = Json(RandomRoutes(seed, seed % 40), indented);
            var expected = Reference(json, null)!;
            Assert.NotNull(expected);
            var actual = Scanned(json, null);
            if (actual is null)
                continue;
            taken++;
            AssertSame(expected, actual);
        }
        // Everything ip prints for table routes is the scanner's: it must not give up on it.
        Assert.Equal(300, taken);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Arrays_split_between_threads_read_as_one(bool indented)
    {
        // Over 4 MB: split at route boundaries (multipath routes put nexthop objects, which look
        // alike, near the split points).
        var routes = RandomRoutes(7, 40_000);
        var json = Json(routes, indented);
        Assert.True(json.Length > 4 << 20, $"{json.Length} bytes");
        var expected = Reference(json, null)!;
        var actual = Scanned(json, null);
        Assert.NotNull(actual);
        AssertSame(expected, actual!);
    }

    [Fact]
    public void Takes_nothing_the_reader_rejects()
    {
        var m = new Mutator(11);
        var rng = new Random(11);
        var corpus = Enumerable.Range(1, 40).Select(seed => Encoding.UTF8.GetString(Json(RandomRoutes(seed, 1 + seed % 6), seed % 2 == 0))).ToList();
        int taken = 0, rejected = 0;
        for (int i = 0; i < 4000; i++)
        {
            var input = Encoding.UTF8.GetBytes(m.Mutate(corpus[rng.Next(corpus.Count)]));
            var expected = Reference(input, null);
            var actual = Scanned(input, null);
            if (expected is null)
            {
                rejected++;
                Assert.True(actual is null, $"case {i}: the scanner took input the reader rejects:\n{Encoding.UTF8.GetString(input)}");
                continue;
            }
            if (actual is null)
                continue;
            taken++;
            AssertSame(expected, actual);
        }
        Assert.True(taken > 100 && rejected > 100, $"taken {taken}, rejected {rejected}");
    }

    [Fact]
    public void Snapshot_reads_the_same_with_and_without_the_scanner()
    {
        // A snapshot whose routes the scanner takes, and the same snapshot with one route it leaves
        // to the reader (an escaped character in a device name): same state.
        var g = new ModelGenerator(5);
        var state = g.State() with { Routes = [.. RandomRoutes(5, 3000)] };
        var bytes = SnapshotWriter.Write(state);
        var read = SnapshotReader.Read(bytes, "s.json");
        ModelAssert.Equal(SnapshotReader.Read(Encoding.UTF8.GetString(bytes).Replace("\"dev\": \"eth0\"", "\"dev\": \"eth\\u0030\""), "s.json"), read);
        Assert.Equal(bytes, SnapshotWriter.Write(read));
    }

    [Fact]
    public void Errors_after_a_scanned_array_are_reported_where_they_are()
    {
        var g = new ModelGenerator(6);
        var state = g.State() with { Routes = [.. RandomRoutes(6, 200)] };
        string text = Encoding.UTF8.GetString(SnapshotWriter.Write(state));
        int at = text.IndexOf("\"rules4\"", StringComparison.Ordinal);
        Assert.True(at > 0);
        string bad = text[..at] + "\"rules5\"" + text[(at + 8)..];
        var e = Assert.Throws<InputException>(() => SnapshotReader.Read(bad, "s.json"));
        int line = bad[..at].Count(c => c == '\n') + 1;
        Assert.StartsWith($"s.json:{line}:3: unknown key 'rules5'", e.Message);
    }
}
