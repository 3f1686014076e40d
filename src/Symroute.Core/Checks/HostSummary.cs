using System.Collections.Immutable;

namespace Symroute.Checks;

/// <summary>The host a report is about, as the report's header shows it.</summary>
/// <param name="Source">Where the state came from: <c>netlink</c>, <c>snapshot FILE</c>, <c>demo NAME</c>.</param>
/// <param name="Interfaces">Interfaces with global addresses, in ifindex order.</param>
public sealed record HostSummary(
    string? Hostname,
    string? KernelRelease,
    DateTimeOffset? CapturedAt,
    string Source,
    ImmutableArray<InterfaceSummary> Interfaces,
    int Links,
    int Addresses,
    int Routes,
    int Rules,
    int Tables);
