using System.Collections.Immutable;
using Symroute.Model;

namespace Symroute.Checks;

/// <summary>What a check run gets besides the routing state; each part is optional and says why when it is missing.</summary>
/// <param name="PlanArguments">Arguments to repeat in the <c>symroute plan</c> commands remedies suggest (e.g. <c>--snapshot FILE</c>).</param>
/// <param name="Config">The network configuration read under <c>--root</c>.</param>
/// <param name="ConfigUnavailable">Why <paramref name="Config"/> is null.</param>
/// <param name="FirewallUnavailable">Why the state has no firewall part.</param>
/// <param name="Sockets">Bound UDP sockets of the host (live host only).</param>
/// <param name="SocketsUnavailable">Why <paramref name="Sockets"/> is null.</param>
public sealed record CheckInputs(
    string PlanArguments = "",
    NetworkConfig? Config = null,
    string? ConfigUnavailable = null,
    string? FirewallUnavailable = null,
    ImmutableArray<ListeningSocket>? Sockets = null,
    string? SocketsUnavailable = null);
