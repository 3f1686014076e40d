namespace Symroute.Simulation;

/// <summary>How a route is inserted, as the <c>ip route</c> verbs do (NLM_F_* flags).</summary>
public enum RouteAddMode
{
    /// <summary><c>ip route add</c>: EXCL, fails with File exists on the same prefix, tos and metric.</summary>
    Add,
    /// <summary><c>ip route append</c>: after existing routes of the same key (IPv6 gateway routes become ECMP siblings).</summary>
    Append,
    /// <summary><c>ip route prepend</c>: before existing routes of the same key.</summary>
    Prepend,
    /// <summary><c>ip route replace</c>: replaces the first route of the same key, or adds.</summary>
    Replace,
}
