namespace Symroute.Checks;

/// <summary>
/// One piece of evidence: a plain fact (<c>net.ipv4.conf.eth1.rp_filter = 1</c>) or a simulated
/// lookup with its explain trace (<see cref="Query"/>).
/// </summary>
/// <param name="Text">The fact, or a one-line reading of the query's outcome.</param>
/// <param name="Query">The simulated lookup, when this evidence is one.</param>
public sealed record Evidence(string Text, SimulatedQuery? Query = null)
{
    public static Evidence Fact(string text) => new(text);
}
