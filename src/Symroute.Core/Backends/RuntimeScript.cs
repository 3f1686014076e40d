namespace Symroute.Backends;

/// <summary>The runtime form of a plan.</summary>
/// <param name="Script">A POSIX shell script: removals, then routes, then rules, then sysctls and nftables.</param>
/// <param name="Batch4">Lines for <c>ip -4 -batch -</c> (the IPv4 routes and rules, in the script's order).</param>
/// <param name="Batch6">Lines for <c>ip -6 -batch -</c>.</param>
/// <param name="Nft">The nftables ruleset for <c>nft -f -</c>, if the plan marks connections.</param>
public sealed record RuntimeScript(string Script, string Batch4, string Batch6, string? Nft);
