using Symroute.Model;

namespace Symroute.Simulation;

/// <summary>A failed lookup: the kernel's errno and why.</summary>
public sealed record RouteError(RouteQuery Query, Errno Errno, RouteErrorReason Reason) : RouteResult(Query)
{
    /// <summary>What <c>ip</c> prints after <c>RTNETLINK answers: </c>.</summary>
    public string Message => ErrnoText.Message(Errno);

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
