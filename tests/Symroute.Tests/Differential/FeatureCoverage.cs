using System.Text.RegularExpressions;

namespace Symroute.Tests.Differential;

/// <summary>
/// The configuration features the differential test promises to exercise, each recognised on a
/// generated command. Counted over the commands the kernel accepted, so a generator that drifts
/// into producing only rejected commands is caught.
/// </summary>
public static class FeatureCoverage
{
    private static bool Route(ConfigStep s, StepTarget t) => s.Target == t && s.Text.StartsWith("route ", StringComparison.Ordinal);
    private static bool Rule(ConfigStep s) => s.Text.StartsWith("rule add", StringComparison.Ordinal);
    private static bool Has(ConfigStep s, string word) => Regex.IsMatch(s.Text, $@"(^| ){Regex.Escape(word)}( |$)");

    public static IReadOnlyList<(string Name, Func<ConfigStep, bool> Matches)> Features { get; } =
    [
        ("v4 unicast via gateway", s => Route(s, StepTarget.HostIp4) && Has(s, "via") && !Has(s, "nexthop")),
        ("v4 dev route", s => Route(s, StepTarget.HostIp4) && Has(s, "dev") && !Has(s, "via") && !Has(s, "local") && !Has(s, "broadcast") && !Has(s, "nexthop")),
        ("v4 onlink", s => Route(s, StepTarget.HostIp4) && Has(s, "onlink")),
        ("v4 src", s => Route(s, StepTarget.HostIp4) && Has(s, "src")),
        ("v4 metric", s => Route(s, StepTarget.HostIp4) && Has(s, "metric")),
        ("v4 tos", s => Route(s, StepTarget.HostIp4) && Has(s, "tos")),
        ("v4 multipath with weights", s => Route(s, StepTarget.HostIp4) && Has(s, "nexthop") && Has(s, "weight")),
        ("v4 blackhole", s => Route(s, StepTarget.HostIp4) && Has(s, "blackhole")),
        ("v4 unreachable", s => Route(s, StepTarget.HostIp4) && Has(s, "unreachable")),
        ("v4 prohibit", s => Route(s, StepTarget.HostIp4) && Has(s, "prohibit")),
        ("v4 throw", s => Route(s, StepTarget.HostIp4) && Has(s, "throw")),
        ("v4 local", s => Route(s, StepTarget.HostIp4) && Has(s, "local")),
        ("v4 broadcast", s => Route(s, StepTarget.HostIp4) && Has(s, "broadcast")),
        ("v4 numbered table", s => Route(s, StepTarget.HostIp4) && Regex.IsMatch(s.Text, @" table 1[01]\d")),
        ("v4 append", s => Route(s, StepTarget.HostIp4) && s.Text.StartsWith("route append", StringComparison.Ordinal)),
        ("v6 unicast via gateway", s => Route(s, StepTarget.HostIp6) && Has(s, "via") && !Has(s, "nexthop")),
        ("v6 dev route", s => Route(s, StepTarget.HostIp6) && !Has(s, "via") && Has(s, "dev") && !Has(s, "local")),
        ("v6 multipath", s => Route(s, StepTarget.HostIp6) && Has(s, "nexthop")),
        ("v6 blackhole", s => Route(s, StepTarget.HostIp6) && Has(s, "blackhole")),
        ("v6 unreachable", s => Route(s, StepTarget.HostIp6) && Has(s, "unreachable")),
        ("v6 prohibit", s => Route(s, StepTarget.HostIp6) && Has(s, "prohibit")),
        ("v6 throw", s => Route(s, StepTarget.HostIp6) && Has(s, "throw")),
        ("v6 local", s => Route(s, StepTarget.HostIp6) && Has(s, "local")),
        ("v6 source-specific", s => Route(s, StepTarget.HostIp6) && Has(s, "from")),
        ("v4 secondary-able address", s => s.Text.StartsWith("addr add", StringComparison.Ordinal) && Regex.IsMatch(s.Text, @"\.\d+/(1\d|2\d|30) dev")),
        ("v4 /31", s => s.Text.StartsWith("addr add", StringComparison.Ordinal) && s.Text.Contains("/31 ", StringComparison.Ordinal)),
        ("v4 /32", s => s.Text.StartsWith("addr add", StringComparison.Ordinal) && s.Text.Contains("/32 ", StringComparison.Ordinal)),
        ("v4 peer", s => s.Text.StartsWith("addr add", StringComparison.Ordinal) && Has(s, "peer")),
        ("noprefixroute", s => s.Text.StartsWith("addr add", StringComparison.Ordinal) && Has(s, "noprefixroute")),
        ("scope link address", s => s.Text.StartsWith("addr add", StringComparison.Ordinal) && Has(s, "scope")),
        ("v6 deprecated", s => s.Text.StartsWith("addr add", StringComparison.Ordinal) && Has(s, "preferred_lft")),
        ("v6 /128", s => s.Text.StartsWith("addr add", StringComparison.Ordinal) && s.Text.Contains("/128 ", StringComparison.Ordinal)),
        ("link group", s => s.Text.StartsWith("link set", StringComparison.Ordinal) && Has(s, "group")),
        ("admin down", s => s.Target == StepTarget.HostIp && s.Text.StartsWith("link set", StringComparison.Ordinal) && s.Text.EndsWith(" down", StringComparison.Ordinal)),
        ("carrier loss", s => s.Target == StepTarget.PeerIp && s.Text.EndsWith(" down", StringComparison.Ordinal)),
        ("rule from", s => Rule(s) && Has(s, "from")),
        ("rule to", s => Rule(s) && Has(s, "to")),
        ("rule iif", s => Rule(s) && Has(s, "iif") && !Has(s, "ghost0")),
        ("rule iif detached", s => Rule(s) && Has(s, "ghost0")),
        ("rule oif", s => Rule(s) && Has(s, "oif")),
        ("rule fwmark", s => Rule(s) && Has(s, "fwmark") && !s.Text.Contains('/')),
        ("rule fwmark/mask", s => Rule(s) && Has(s, "fwmark") && Regex.IsMatch(s.Text, @"fwmark 0x[0-9a-f]+/")),
        ("rule tos", s => Rule(s) && Has(s, "tos")),
        ("rule ipproto", s => Rule(s) && Has(s, "ipproto")),
        ("rule sport", s => Rule(s) && Has(s, "sport")),
        ("rule dport", s => Rule(s) && Has(s, "dport") && !Regex.IsMatch(s.Text, @"dport \d+-")),
        ("rule dport range", s => Rule(s) && Regex.IsMatch(s.Text, @"dport \d+-\d+")),
        ("rule uidrange", s => Rule(s) && Has(s, "uidrange")),
        ("rule not", s => Rule(s) && Has(s, "not")),
        ("rule without pref", s => Rule(s) && !Has(s, "pref")),
        ("rule lookup", s => Rule(s) && Has(s, "lookup")),
        ("rule goto", s => Rule(s) && Has(s, "goto")),
        ("rule nop", s => Rule(s) && Has(s, "nop")),
        ("rule blackhole", s => Rule(s) && Has(s, "blackhole")),
        ("rule unreachable", s => Rule(s) && Has(s, "unreachable")),
        ("rule prohibit", s => Rule(s) && Has(s, "prohibit")),
        ("rule suppress_prefixlength", s => Rule(s) && Has(s, "suppress_prefixlength")),
        ("rule suppress_ifgroup", s => Rule(s) && Has(s, "suppress_ifgroup")),
        ("v6 rule", s => Rule(s) && s.Target == StepTarget.HostIp6),
        ("rp_filter", s => s.Target == StepTarget.Sysctl && s.Text.Contains("rp_filter", StringComparison.Ordinal)),
        ("forwarding per device", s => s.Target == StepTarget.Sysctl && Regex.IsMatch(s.Text, @"conf\.eth\d\.forwarding")),
        ("accept_local", s => s.Target == StepTarget.Sysctl && s.Text.Contains("accept_local", StringComparison.Ordinal)),
        ("src_valid_mark", s => s.Target == StepTarget.Sysctl && s.Text.Contains("src_valid_mark", StringComparison.Ordinal)),
        ("ignore_routes_with_linkdown", s => s.Target == StepTarget.Sysctl && s.Text.Contains("ignore_routes_with_linkdown", StringComparison.Ordinal)),
        ("ipv6 forwarding", s => s.Target == StepTarget.Sysctl && s.Text.Contains("ipv6.conf.all.forwarding", StringComparison.Ordinal)),
    ];

    /// <summary>How many of the given steps show each feature.</summary>
    public static SortedDictionary<string, int> Count(IEnumerable<ConfigStep> steps)
    {
        var d = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, _) in Features) d[name] = 0;
        foreach (var s in steps)
            foreach (var (name, m) in Features)
                if (m(s)) d[name]++;
        return d;
    }
}
