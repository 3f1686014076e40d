using System.Collections.Immutable;

namespace Symroute.Tests.Differential;

/// <summary>A named, reasoned exception to exact agreement (see <see cref="KnownDifferences"/>).</summary>
public sealed record KnownDifference(
    string Name,
    string Reason,
    Func<DiffQuery, KernelAnswer, RouteAnswer, ImmutableArray<string>, bool> Applies);
