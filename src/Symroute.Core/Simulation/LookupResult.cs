using Symroute.Simulation.Fib;

namespace Symroute.Simulation;

/// <summary>The result of a policy lookup (fib_result / fib6_result): a route and nexthop, or an error.</summary>
internal struct LookupResult
{
    /// <summary>Null on success.</summary>
    public Errno? Error;

    /// <summary>Why it failed (no route, reject route, reject rule).</summary>
    public RouteErrorReason Reason;

    /// <summary>The matched entry (also the reject route for reject errors).</summary>
    public FibEntry? Entry;

    public FibNexthop? Nexthop;

    /// <summary>The table the kernel reports (main for the merged fast path).</summary>
    public FibTable? Table;

    public SimRule? Rule;

    /// <summary>Prefix length of the match (res->prefixlen).</summary>
    public int PrefixLength;

    public readonly bool Success => Error is null;
}
