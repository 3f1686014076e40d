using System.Globalization;

namespace Symroute.Tests.Differential;

/// <summary>
/// Size and seeds of a differential run, overridable from the environment:
/// DIFFTEST_SEED (replay one configuration), DIFFTEST_CONFIGS, DIFFTEST_QUERIES,
/// DIFFTEST_BASE_SEED, DIFFTEST_PARALLEL.
/// </summary>
public sealed record DiffSettings(IReadOnlyList<int> Seeds, int QueriesPerConfig, int Parallel)
{
    public static DiffSettings FromEnvironment(int configs = 150, int queries = 80, int baseSeed = 1)
    {
        int q = Int("DIFFTEST_QUERIES") ?? queries;
        int par = Math.Max(1, Int("DIFFTEST_PARALLEL") ?? 2);
        if (Int("DIFFTEST_SEED") is int one) return new DiffSettings([one], q, 1);
        int n = Int("DIFFTEST_CONFIGS") ?? configs;
        int b = Int("DIFFTEST_BASE_SEED") ?? baseSeed;
        return new DiffSettings([.. Enumerable.Range(b, n)], q, par);
    }

    private static int? Int(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : null;

    /// <summary>Where reports go: TestResults/ beside the test assembly.</summary>
    public static string ResultsDir
    {
        get
        {
            string d = Path.Combine(AppContext.BaseDirectory, "TestResults");
            Directory.CreateDirectory(d);
            return d;
        }
    }
}
