using Symroute.Model;

namespace Symroute.Planning;

/// <summary>
/// How symroute recognises what it added, so that it can later find, update and remove it
/// without touching anything else.
/// </summary>
/// <remarks>
/// The mark is the route/rule protocol 83 (0x53, ASCII 'S'): unused by the kernel's RTPROT_*
/// values (include/uapi/linux/rtnetlink.h: 0-4, 8-18, 42, 99, 186-192), by iproute2's rt_protos
/// and by FRR's zebra (186-199). <c>rt_protos.d/symroute.conf</c> names it "symroute" for
/// <c>ip</c>'s output. Backends that cannot set a protocol (netplan, NetworkManager, networkd rules)
/// install rules and routes with their own protocol (static); those are still recognised as
/// symroute's by their table, whose name starts with <see cref="TableNamePrefix"/> in
/// <c>rt_tables.d/symroute.conf</c>.
/// </remarks>
public static class Ownership
{
    /// <summary>RTPROT value carried by every route and rule symroute adds where the backend allows.</summary>
    public const byte Protocol = 83;

    /// <summary>The name written to <c>rt_protos.d/symroute.conf</c>.</summary>
    public const string ProtocolName = "symroute";

    /// <summary>Prefix of symroute's table names (<c>symroute-eth1</c>).</summary>
    public const string TableNamePrefix = "symroute-";

    /// <summary>The nftables table (family inet) holding symroute's connection-mark rules.</summary>
    public const string NftTable = "symroute";

    /// <summary>Connection/packet mark bits symroute uses for connmark (bits 16-23; wg-quick's 0xca6c and kube-proxy's 0x4000/0x8000 lie outside).</summary>
    public const uint MarkMask = 0x00ff0000;

    /// <summary>The mark for the n-th uplink (1-based).</summary>
    public static uint MarkFor(int n) => (uint)n << 16;

    public static string TableName(string dev) => TableNamePrefix + dev;

    /// <summary>Tables named as symroute's in the host's rt_tables files, by id.</summary>
    public static IReadOnlyDictionary<uint, string> OwnedTables(TableNames names)
    {
        var d = new Dictionary<uint, string>();
        foreach (var (id, name) in names.Names)
            if (name.StartsWith(TableNamePrefix, StringComparison.Ordinal) && name.Length > TableNamePrefix.Length)
                d[id] = name[TableNamePrefix.Length..];
        return d;
    }

    /// <summary>A rule symroute added: its protocol, or a lookup into one of its tables.</summary>
    public static bool IsOwned(Rule rule, IReadOnlyDictionary<uint, string> ownedTables) =>
        rule.Protocol == Protocol || (rule.Action == RuleAction.Lookup && rule.Table is uint t && ownedTables.ContainsKey(t));

    /// <summary>A route symroute added: its protocol, or any route in one of its tables.</summary>
    public static bool IsOwned(Route route, IReadOnlyDictionary<uint, string> ownedTables) =>
        route.Protocol == Protocol || ownedTables.ContainsKey(route.Table);
}
