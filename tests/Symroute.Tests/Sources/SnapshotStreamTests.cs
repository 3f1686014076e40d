using Symroute.Sources;
using Xunit;

namespace Symroute.Tests.Sources;

/// <summary>A snapshot written to a stream (flushed a megabyte at a time) is the same bytes as the one written to memory.</summary>
public class SnapshotStreamTests
{
    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20_000)]
    public void Stream_and_memory_give_the_same_bytes(int seed, int routes)
    {
        var g = new ModelGenerator(seed);
        var devs = new List<string> { "eth0", "eth1" };
        var rng = new Random(seed);
        var state = g.State() with
        {
            Sysctls = g.Sysctls(),
            Routes = [.. Enumerable.Range(0, routes).Select(_ => g.Route(rng.Next(3) == 0 ? Symroute.Model.Family.Inet6 : Symroute.Model.Family.Inet, devs))],
        };
        var expected = SnapshotWriter.Write(state);
        using var stream = new MemoryStream();
        SnapshotWriter.Write(state, stream);
        Assert.True(expected.Length > (routes > 10_000 ? 2 << 20 : 0));
        Assert.Equal(expected, stream.ToArray());
    }
}
