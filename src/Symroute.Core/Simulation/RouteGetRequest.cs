namespace Symroute.Simulation;

/// <summary>A parsed <c>ip route get</c> command line: the query and what ip would print on the side.</summary>
/// <param name="Connected"><c>connected</c>: ask again with the answer's source and device, print both answers.</param>
/// <param name="Warnings">Lines ip prints on stderr and goes on (e.g. a prefix length on the destination).</param>
public sealed record RouteGetRequest(RouteQuery Query, bool Connected, IReadOnlyList<string> Warnings)
{
    /// <summary><c>notify</c>: the kernel marks the reply (IPv4: <c>notify</c> and <c>cache &lt;notify&gt;</c>).</summary>
    public bool Notify { get; init; }
}
