using System.Collections.Immutable;

namespace Symroute.Model;

/// <summary>
/// Everything symroute knows about one host's (or network namespace's) routing state. Immutable,
/// and the same whichever source produced it (netlink, <c>ip -json</c>, <c>ip</c> text, snapshot).
/// </summary>
/// <param name="Links">Devices in ifindex order.</param>
/// <param name="Addresses">
/// Addresses grouped by device in <see cref="Links"/> order; within a device IPv4 first (in devinet's
/// list order), then IPv6 (in addrconf's order) — the order <c>ip addr</c> prints them.
/// </param>
/// <param name="Routes">Routes of every table, IPv4 first then IPv6, each family in dump order.</param>
/// <param name="Rules">Policy rules, IPv4 first then IPv6, each family in the kernel's list order.</param>
/// <param name="LocalTableMerged">
/// True while no custom IPv4 rule was ever added (fib_has_custom_rules is false): lookups then
/// run on the merged main/local trie and <c>route get</c> prints no <c>table local</c>. Null = unknown;
/// the simulator then infers it from whether the rules differ from the three defaults.
/// </param>
/// <param name="Firewall">NAT and connection-mark rules of the packet filter; null when not read (ip sources, snapshots without it).</param>
public sealed record HostState(
    ImmutableArray<LinkInfo> Links,
    ImmutableArray<InterfaceAddress> Addresses,
    ImmutableArray<Route> Routes,
    ImmutableArray<Rule> Rules,
    Sysctls Sysctls,
    TableNames TableNames,
    string? Hostname = null,
    string? KernelRelease = null,
    DateTimeOffset? CapturedAt = null,
    bool? LocalTableMerged = null,
    Firewall? Firewall = null)
{
    public LinkInfo? FindLink(string name)
    {
        foreach (var l in Links)
            if (l.Name == name) return l;
        return null;
    }

    public LinkInfo? FindLink(int index)
    {
        foreach (var l in Links)
            if (l.Index == index) return l;
        return null;
    }

    public IEnumerable<InterfaceAddress> AddressesOf(string dev, Family family) =>
        Addresses.Where(a => a.Dev == dev && a.Family == family);

    public IEnumerable<Rule> RulesOf(Family family) => Rules.Where(r => r.Family == family);

    public IEnumerable<Route> RoutesOf(Family family) => Routes.Where(r => r.Family == family);
}
