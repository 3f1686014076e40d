using System.Net;

namespace Symroute.Model;

/// <summary>A route a configuration file declares (also a declared default gateway).</summary>
/// <param name="Family">Null when the file does not say and the destination does not tell.</param>
/// <param name="Dst">Destination; /0 for a default route.</param>
/// <param name="Dev">Device, when declared or implied by the interface section.</param>
/// <param name="Table">Table name or number as written; null = main.</param>
/// <param name="Origin">Where it was declared: <c>FILE:LINE</c>.</param>
public sealed record ConfiguredRoute(
    Family? Family,
    IpPrefix Dst,
    IPAddress? Gateway,
    string? Dev,
    string? Table,
    uint? Metric,
    string Origin);
