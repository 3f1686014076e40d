using System.Collections.Immutable;

namespace Symroute.Tests.Differential;

/// <summary>
/// The one place where disagreements between the simulator and the kernel are accepted. Each
/// rule is narrow, named and reasoned; the differential test counts and reports every use.
/// Anything not matched here fails the test.
/// </summary>
public static class KnownDifferences
{
    public static ImmutableArray<KnownDifference> All { get; } = [];

    public static KnownDifference? Find(DiffQuery q, KernelAnswer kernel, RouteAnswer sim, ImmutableArray<string> fields)
    {
        foreach (var k in All)
            if (k.Applies(q, kernel, sim, fields)) return k;
        return null;
    }
}
