using Symroute.Model;

namespace Symroute.Sources;

/// <summary>
/// The outputs of <c>ip -json</c> that make up a host's state; any may be null (then that part is
/// empty). File names are only for error messages.
/// </summary>
/// <param name="AddrJson"><c>ip -json addr show</c>: links with their addresses.</param>
/// <param name="Route4Json"><c>ip -json route show table all</c> (IPv4; IPv6 entries it may carry are used when <paramref name="Route6Json"/> is null).</param>
/// <param name="Route6Json"><c>ip -json -6 route show table all</c>.</param>
/// <param name="Rule4Json"><c>ip -json rule show</c>.</param>
/// <param name="Rule6Json"><c>ip -json -6 rule show</c>.</param>
/// <param name="Names">Table names to resolve <c>"table":"isp2"</c> (rt_tables); null = built-in names only.</param>
public sealed record IpJsonInput(
    string? AddrJson = null,
    string? Route4Json = null,
    string? Route6Json = null,
    string? Rule4Json = null,
    string? Rule6Json = null,
    TableNames? Names = null,
    string AddrFile = "ip-addr.json",
    string Route4File = "ip-route.json",
    string Route6File = "ip-6-route.json",
    string Rule4File = "ip-rule.json",
    string Rule6File = "ip-6-rule.json");
