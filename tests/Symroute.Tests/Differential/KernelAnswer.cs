namespace Symroute.Tests.Differential;

/// <summary>The kernel's answer to a query, with the FIB entry it matched (null when fibmatch failed).</summary>
public sealed record KernelAnswer(RouteAnswer Answer, FibEntry? Fib);
