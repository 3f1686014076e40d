using System.Collections.Immutable;
using Symroute.Model;

namespace Symroute.Sources;

/// <summary>Shared facts about the snapshot file format (version 1).</summary>
internal static class SnapshotFormat
{
    public const int Version = 1;

    /// <summary>Sysctl names per family, in the order written: the kernel's file names.</summary>
    public static readonly string[] Ipv4Keys =
    [
        "forwarding", "rp_filter", "accept_local", "src_valid_mark", "arp_ignore", "arp_announce", "arp_filter",
        "ignore_routes_with_linkdown", "route_localnet", "send_redirects", "shared_media", "log_martians",
    ];

    public static readonly string[] Ipv6Keys =
    [
        "forwarding", "accept_ra", "accept_ra_defrtr", "ignore_routes_with_linkdown", "use_tempaddr",
        "use_oif_addrs_only", "disable_ipv6",
    ];

    public static int?[] Values(Ipv4Conf c) =>
    [
        c.Forwarding, c.RpFilter, c.AcceptLocal, c.SrcValidMark, c.ArpIgnore, c.ArpAnnounce, c.ArpFilter,
        c.IgnoreRoutesWithLinkdown, c.RouteLocalnet, c.SendRedirects, c.SharedMedia, c.LogMartians,
    ];

    public static int?[] Values(Ipv6Conf c) =>
    [
        c.Forwarding, c.AcceptRa, c.AcceptRaDefrtr, c.IgnoreRoutesWithLinkdown, c.UseTempaddr, c.UseOifAddrsOnly, c.DisableIpv6,
    ];

    public static Ipv4Conf Ipv4(int?[] v) => new(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11]);

    public static Ipv6Conf Ipv6(int?[] v) => new(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);

    /// <summary>The built-in names plus the host's: what formatting and parsing use.</summary>
    public static TableNames WithBuiltin(TableNames names)
    {
        var b = TableNames.Builtin.Names.ToBuilder();
        foreach (var (k, v) in names.Names)
            b[k] = v;
        return new TableNames(b.ToImmutable());
    }

    /// <summary>The host's names that differ from the built-in ones: what <c>rt_tables</c> holds.</summary>
    public static IEnumerable<KeyValuePair<uint, string>> Custom(TableNames names) =>
        names.Names.Where(kv => !(TableNames.Builtin.Names.TryGetValue(kv.Key, out var n) && n == kv.Value));
}
