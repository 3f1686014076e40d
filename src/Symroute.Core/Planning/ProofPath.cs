namespace Symroute.Planning;

/// <summary>One decisive path, simulated on the host before and after the plan.</summary>
/// <param name="Kind">What the path is: <c>reply-off-link</c>, <c>reply-on-link</c>, <c>main-route</c>, <c>reverse-path</c>, <c>forwarded-reply</c>.</param>
/// <param name="Query">The simulated question, in <c>ip route get</c> words.</param>
/// <param name="Before">Where it goes now (<c>dev eth0 via 192.168.1.1</c>, or the kernel's error).</param>
/// <param name="After">Where it goes with the plan applied.</param>
/// <param name="Expected">Where it should go, when symroute has an opinion (the interface owning the source, the route in main).</param>
/// <param name="Ok">The after path is the expected one (or, with no expectation, unchanged).</param>
/// <param name="Why">Why it changed, or why it is right.</param>
public sealed record ProofPath(string Kind, string Query, string Before, string After, string? Expected, bool Ok, string Why)
{
    public bool Changed => Before != After;
}
