using System.Collections.Immutable;

namespace Symroute.Model;

/// <summary>
/// Routing sysctls: per-X confs keyed by <c>all</c>, <c>default</c> and device name, plus a few
/// global values. The kernel's combination rules (max, or, dev-only) live in
/// the simulator, not here.
/// </summary>
public sealed record Sysctls(
    ImmutableSortedDictionary<string, Ipv4Conf> Ipv4,
    ImmutableSortedDictionary<string, Ipv6Conf> Ipv6,
    int? FibMultipathHashPolicy = null,
    int? FibMultipathHashSeed = null)
{
    public static Sysctls Empty { get; } = new(
        ImmutableSortedDictionary<string, Ipv4Conf>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableSortedDictionary<string, Ipv6Conf>.Empty.WithComparers(StringComparer.Ordinal));

    public Ipv4Conf Ipv4For(string key) => Ipv4.TryGetValue(key, out var c) ? c : new Ipv4Conf();

    public Ipv6Conf Ipv6For(string key) => Ipv6.TryGetValue(key, out var c) ? c : new Ipv6Conf();
}
