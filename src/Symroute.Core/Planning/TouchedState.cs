using System.Collections.Immutable;
using Symroute.Model;
using Symroute.Output;

namespace Symroute.Planning;

/// <summary>
/// The part of a host an apply touches: every route of each table it changes, every rule of each
/// family it changes (the kernel orders rules per family, so all of them), and the sysctls it sets.
/// Apply and revert compare exactly this before and after.
/// </summary>
public sealed record TouchedState(
    ImmutableArray<(Family Family, uint Table)> Tables,
    ImmutableArray<Family> RuleFamilies,
    ImmutableArray<string> Sysctls)
{
    private static readonly TableNames NoNames = new(ImmutableSortedDictionary<uint, string>.Empty);

    public static TouchedState Of(IEnumerable<ApplyStep> steps)
    {
        var tables = new SortedSet<(Family, uint)>();
        var families = new SortedSet<Family>();
        var sysctls = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var s in steps)
        {
            if (s.Route is { } r) tables.Add((r.Family, r.Table));
            if (s.Rule is { } rule) families.Add(rule.Family);
            if (s.SysctlKey is { } key) sysctls.Add(key);
        }
        return new TouchedState([.. tables], [.. families], [.. sysctls]);
    }

    /// <summary>
    /// The touched state as exact lines (<c>ip</c>'s words; routes sorted, since dumps order them by
    /// prefix, rules in the kernel's order). IPv6 expiry times are left out: they count down.
    /// </summary>
    public ImmutableArray<string> Describe(HostState state)
    {
        var lines = ImmutableArray.CreateBuilder<string>();
        foreach (var (family, table) in Tables)
            lines.AddRange(state.Routes.Where(r => r.Family == family && r.Table == table)
                .Select(r => $"route{(family == Family.Inet6 ? "6" : "4")} {IpTextFormatter.FormatRoute(r with { Expires = null }, NoNames)}")
                .Order(StringComparer.Ordinal));
        foreach (var family in RuleFamilies)
            lines.AddRange(state.Rules.Where(r => r.Family == family)
                .Select(r => $"rule{(family == Family.Inet6 ? "6" : "4")} {IpTextFormatter.FormatRule(r, NoNames)}"));
        foreach (var key in Sysctls)
            lines.Add($"sysctl {key} = {SysctlValue(state.Sysctls, key)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}");
        return lines.ToImmutable();
    }

    /// <summary>
    /// The touched state as the planner compares it (<see cref="StateMatch"/>): what the kernel
    /// treats as the same route or rule, plus its protocol, so that a prediction made on the model
    /// compares equal to the kernel's read-back (which fills in IPv6 metrics, flags, …).
    /// </summary>
    public ImmutableArray<string> DescribeLoosely(HostState state)
    {
        var lines = ImmutableArray.CreateBuilder<string>();
        foreach (var (family, table) in Tables)
            lines.AddRange(state.Routes.Where(r => r.Family == family && r.Table == table)
                .Select(LooseRoute).Order(StringComparer.Ordinal));
        foreach (var family in RuleFamilies)
            lines.AddRange(state.Rules.Where(r => r.Family == family).Select(LooseRule));
        foreach (var key in Sysctls)
            lines.Add($"sysctl {key} = {SysctlValue(state.Sysctls, key)}");
        return lines.ToImmutable();
    }

    /// <summary>Lines only in <paramref name="expected"/> (<c>- </c>) and only in <paramref name="actual"/> (<c>+ </c>); rule order counts.</summary>
    public static ImmutableArray<string> Differences(ImmutableArray<string> expected, ImmutableArray<string> actual)
    {
        var diff = ImmutableArray.CreateBuilder<string>();
        var missing = expected.ToList();
        var extra = new List<string>();
        foreach (var line in actual)
            if (!missing.Remove(line)) extra.Add(line);
        diff.AddRange(missing.Select(l => "- " + l));
        diff.AddRange(extra.Select(l => "+ " + l));
        if (diff.Count == 0 && !expected.SequenceEqual(actual))
            diff.Add("~ the same rules in another order");
        return diff.ToImmutable();
    }

    private static string LooseRoute(Route r)
    {
        var nh = r.FirstNexthop;
        return $"route{(r.Family == Family.Inet6 ? "6" : "4")} table {r.Table} {r.Type} {r.Dst.Network().ToRouteString()} tos {r.Tos} metric {StateMatch.EffectiveMetric(r)}"
            + $" via {nh?.Gateway} dev {nh?.Dev} nexthops {r.Nexthops.Length} proto {r.Protocol} src {r.PrefSrc}";
    }

    private static string LooseRule(Rule r)
    {
        var n = r with
        {
            From = r.From is { } f && !f.IsDefault ? f.Network() : null,
            To = r.To is { } t && !t.IsDefault ? t.Network() : null,
            FwMask = r.FwMark is null or 0 ? null : r.FwMask ?? 0xffffffff,
            FwMark = r.FwMark is 0 ? null : r.FwMark,
            Table = r.Action == RuleAction.Lookup ? r.Table ?? RouteTableId.Main : null,
            IifDetached = false,
            OifDetached = false,
        };
        return $"rule{(r.Family == Family.Inet6 ? "6" : "4")} {IpTextFormatter.FormatRule(n, NoNames)} proto {r.Protocol}";
    }

    /// <summary>The model's value of a dotted sysctl key (<c>net.ipv4.conf.eth1.arp_ignore</c>), as <see cref="PlanApplier.SetSysctl"/> sets it.</summary>
    public static int? SysctlValue(Sysctls sysctls, string key)
    {
        var parts = key.Split('.');
        if (parts.Length < 5 || parts[0] != "net" || parts[2] != "conf")
            return null;
        string dev = string.Join('.', parts[3..^1]), name = parts[^1];
        if (parts[1] == "ipv4")
        {
            if (!sysctls.Ipv4.TryGetValue(dev, out var c)) return null;
            return name switch
            {
                "rp_filter" => c.RpFilter,
                "src_valid_mark" => c.SrcValidMark,
                "arp_ignore" => c.ArpIgnore,
                "arp_announce" => c.ArpAnnounce,
                "arp_filter" => c.ArpFilter,
                "forwarding" => c.Forwarding,
                "accept_local" => c.AcceptLocal,
                _ => null,
            };
        }
        if (parts[1] == "ipv6")
        {
            if (!sysctls.Ipv6.TryGetValue(dev, out var c)) return null;
            return name switch
            {
                "accept_ra_defrtr" => c.AcceptRaDefrtr,
                "accept_ra" => c.AcceptRa,
                "forwarding" => c.Forwarding,
                _ => null,
            };
        }
        return null;
    }
}
