using Symroute.Simulation;
using Xunit;

namespace Symroute.Tests.Simulation;

/// <summary>HostIndex.SortRuns (merge of sorted runs) against Array.Sort: the same keys, each with its own index.</summary>
public class SortRunsTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(1000, 1)]
    [InlineData(1000, 2)]
    [InlineData(1001, 3)]
    [InlineData(5000, 7)]
    [InlineData(5000, 16)]
    [InlineData(5000, 17)]
    [InlineData(5000, 500)]
    public void Sorts_like_array_sort(int n, int runs)
    {
        var rng = new Random(n * 31 + runs);
        for (int round = 0; round < 20; round++)
        {
            // runs sorted pieces of random lengths, with duplicates across and inside them
            var cuts = Enumerable.Range(0, runs - 1).Select(_ => rng.Next(n + 1)).Append(0).Append(n).Order().ToArray();
            var keys = new ulong[n];
            for (int c = 0; c + 1 < cuts.Length; c++)
            {
                var piece = Enumerable.Range(cuts[c], cuts[c + 1] - cuts[c]).Select(_ => (ulong)rng.Next(n / 4 + 1)).Order().ToArray();
                piece.CopyTo(keys, cuts[c]);
            }
            var order = Enumerable.Range(0, n).ToArray();
            var original = (ulong[])keys.Clone();
            var expected = (ulong[])keys.Clone();
            Array.Sort(expected);

            HostIndex.SortRuns(keys, order);

            Assert.Equal(expected, keys);
            Assert.Equal(Enumerable.Range(0, n), order.Order());
            for (int i = 0; i < n; i++)
                Assert.Equal(original[order[i]], keys[i]);
        }
    }
}
