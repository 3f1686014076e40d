namespace Symroute.Simulation;

/// <summary>
/// The answer to a <see cref="RouteQuery"/>: either a <see cref="RouteDecision"/> (what
/// <c>ip route get</c> prints) or a <see cref="RouteError"/> (what it prints after
/// <c>RTNETLINK answers: </c>).
/// </summary>
public abstract record RouteResult(RouteQuery Query)
{
    public bool IsError => this is RouteError;
}
