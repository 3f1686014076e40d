using Symroute.Model;

namespace Symroute.Simulation;

/// <summary>A failed lookup: the kernel's errno and why.</summary>
public sealed record RouteError(RouteQuery Query, Errno Errno, RouteErrorReason Reason) : RouteResult(Query)
{
    /// <summary>
    /// What <c>ip</c> prints after <c>RTNETLINK answers: </c>, or, when the kernel attached an
    /// extended ack message, the whole line ip prints instead (<c>Error: MSG.</c>).
    /// </summary>
    public string Message => Extack is not null ? $"Error: {Extack}." : ErrnoText.Message(Errno);

    /// <summary>The kernel's extended ack message (NL_SET_ERR_MSG), if it sets one for this error.</summary>
    public string? Extack { get; init; }

    /// <summary>The reject rule or the rule whose table held the reject route.</summary>
    public Rule? Rule { get; init; }

    /// <summary>The unreachable / prohibit / blackhole route that matched.</summary>
    public Route? Route { get; init; }

    public uint? Table { get; init; }

    /// <summary>The failed reverse-path check (reason <see cref="RouteErrorReason.ReversePathFilter"/> and friends).</summary>
    public ReversePathResult? ReversePath { get; init; }

    /// <summary>One sentence for people, e.g. "source 127.0.0.1 is a loopback address".</summary>
    public string? Detail
    {
        get => _detail ?? (DetailFromReversePath && ReversePath is { } r ? ReversePathDetail(r) : null);
        init => _detail = value;
    }

    private readonly string? _detail;

    /// <summary>
    /// <see cref="Detail"/> is said of <see cref="ReversePath"/> and formatted when read: a batch of
    /// queries dropped by rp_filter formats no sentence nobody prints.
    /// </summary>
    internal bool DetailFromReversePath { get; init; }

    private static string ReversePathDetail(ReversePathResult r) => r.Outcome switch
    {
        ReversePathOutcome.RejectedLocalSource => $"source {r.Source} is an address of this host (accept_local is off)",
        ReversePathOutcome.RejectedInvalidSource => $"the route back to {r.Source} is not unicast",
        ReversePathOutcome.RejectedStrict => $"strict rp_filter: the route back to {r.Source} leaves {r.RouteDev}, not {r.Device}",
        _ => $"rp_filter: no route back to {r.Source}",
    };
}
