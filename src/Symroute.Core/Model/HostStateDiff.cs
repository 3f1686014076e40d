using System.Collections.Immutable;

namespace Symroute.Model;

/// <summary>
/// Structural comparison of two host states, listing what differs in words. Records holding
/// ImmutableArray compare arrays by reference, so plain equality cannot tell two equal models apart.
/// </summary>
public static class HostStateDiff
{
    /// <summary>The differences (at most <paramref name="max"/>), empty when the states are equal.</summary>
    public static IReadOnlyList<string> Compare(HostState expected, HostState actual, int max = 20)
    {
        var d = new List<string>();
        List(d, "link", expected.Links, actual.Links, LinkEquals, max);
        List(d, "address", expected.Addresses, actual.Addresses, (a, b) => a == b, max);
        List(d, "route", expected.Routes, actual.Routes, RouteEquals, max);
        List(d, "rule", expected.Rules, actual.Rules, (a, b) => a == b, max);
        if (expected.Sysctls != actual.Sysctls && !SysctlsEqual(expected.Sysctls, actual.Sysctls))
            d.Add("sysctls differ");
        if (!expected.TableNames.Names.SequenceEqual(actual.TableNames.Names))
            d.Add($"table names differ: {Names(expected.TableNames)} vs {Names(actual.TableNames)}");
        if (expected.Hostname != actual.Hostname) d.Add($"hostname: {expected.Hostname} vs {actual.Hostname}");
        if (expected.KernelRelease != actual.KernelRelease) d.Add($"kernel: {expected.KernelRelease} vs {actual.KernelRelease}");
        if (expected.CapturedAt != actual.CapturedAt) d.Add($"captured_at: {expected.CapturedAt:O} vs {actual.CapturedAt:O}");
        if (expected.LocalTableMerged != actual.LocalTableMerged) d.Add($"local_table_merged: {expected.LocalTableMerged} vs {actual.LocalTableMerged}");
        if ((expected.Firewall is null) != (actual.Firewall is null))
            d.Add($"firewall: {(expected.Firewall is null ? "none" : "read")} vs {(actual.Firewall is null ? "none" : "read")}");
        else if (expected.Firewall is { } ef && actual.Firewall is { } af)
        {
            if (ef.Source != af.Source) d.Add($"firewall source: {ef.Source} vs {af.Source}");
            List(d, "nat rule", ef.NatRules, af.NatRules, (a, b) => a with { Hooks = [] } == b with { Hooks = [] } && Seq(a.Hooks).SequenceEqual(Seq(b.Hooks)), max);
            List(d, "mark rule", ef.MarkRules, af.MarkRules, (a, b) => a with { Hooks = [] } == b with { Hooks = [] } && Seq(a.Hooks).SequenceEqual(Seq(b.Hooks)), max);
        }
        return d.Count > max ? d.Take(max).ToList() : d;
    }

    public static bool RouteEquals(Route a, Route b) =>
        a with { Nexthops = [] } == b with { Nexthops = [] } && Seq(a.Nexthops).SequenceEqual(Seq(b.Nexthops));

    public static bool LinkEquals(LinkInfo a, LinkInfo b) =>
        a with { Flags = [] } == b with { Flags = [] } && Seq(a.Flags).SequenceEqual(Seq(b.Flags));

    public static bool SysctlsEqual(Sysctls a, Sysctls b) =>
        a.FibMultipathHashPolicy == b.FibMultipathHashPolicy && a.FibMultipathHashSeed == b.FibMultipathHashSeed
        && a.Ipv4.Count == b.Ipv4.Count && a.Ipv4.All(kv => b.Ipv4.TryGetValue(kv.Key, out var c) && c == kv.Value)
        && a.Ipv6.Count == b.Ipv6.Count && a.Ipv6.All(kv => b.Ipv6.TryGetValue(kv.Key, out var c) && c == kv.Value);

    /// <summary>A one-line description of a route with its nexthops (records print arrays as type names).</summary>
    public static string Describe(Route r) =>
        (r with { Nexthops = [] }).ToString() + " nexthops [" + string.Join(", ", Seq(r.Nexthops)) + "]";

    private static string Describe<T>(T x) => x switch
    {
        Route r => Describe(r),
        LinkInfo l => (l with { Flags = [] }).ToString() + " flags [" + string.Join(",", Seq(l.Flags)) + "]",
        _ => x?.ToString() ?? "null",
    };

    private static ImmutableArray<T> Seq<T>(ImmutableArray<T> a) => a.IsDefault ? [] : a;

    private static string Names(TableNames n) => string.Join(",", n.Names.Select(kv => $"{kv.Key}={kv.Value}"));

    private static void List<T>(List<string> d, string what, ImmutableArray<T> a, ImmutableArray<T> b, Func<T, T, bool> eq, int max)
    {
        a = Seq(a);
        b = Seq(b);
        if (a.Length != b.Length)
            d.Add($"{what} count: {a.Length} vs {b.Length}");
        for (int i = 0; i < Math.Min(a.Length, b.Length) && d.Count <= max; i++)
            if (!eq(a[i], b[i]))
                d.Add($"{what} {i + 1}:\n  expected {Describe(a[i])}\n  actual   {Describe(b[i])}");
        for (int i = b.Length; i < a.Length && d.Count <= max; i++)
            d.Add($"{what} {i + 1} missing: {Describe(a[i])}");
        for (int i = a.Length; i < b.Length && d.Count <= max; i++)
            d.Add($"{what} {i + 1} extra: {Describe(b[i])}");
    }
}
