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
    public string? Detail { get; init; }
}
