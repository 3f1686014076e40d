using System.Text;
using Symroute.Planning;

namespace Symroute.Backends;

/// <summary>
/// The connmark ruleset: <c>table inet symroute</c>. In prerouting (mangle priority, before
/// DNAT and before the routing decision) a new connection arriving on an uplink gets the
/// uplink's mark in its conntrack mark; every packet of a marked connection, in both directions,
/// gets it back as its packet mark, so forwarded replies (whose source is the container's or
/// LAN host's) match the <c>fwmark</c> rule of the uplink they came in by. The output chain (type
/// route: re-routes when the mark changes) does the same for the host's own replies. Only the
/// bits of <see cref="Ownership.MarkMask"/> are touched. Loading it is idempotent: the table is
/// declared, deleted and recreated in one transaction.
/// </summary>
public static class Nftables
{
    public static string Ruleset(Plan plan)
    {
        uint keep = ~Ownership.MarkMask;
        var sb = new StringBuilder();
        sb.Append(CommonFiles.Header(plan, "Connection marks by ingress uplink, restored on every packet (nft -f FILE)."));
        sb.Append("table inet symroute\ndelete table inet symroute\n\ntable inet symroute {\n");
        sb.Append("\tchain prerouting {\n\t\ttype filter hook prerouting priority mangle; policy accept;\n");
        foreach (var c in plan.Connmarks)
            sb.Append($"\t\tiifname \"{c.Dev}\" ct state new ct mark set ct mark and {Hex8(keep)} or {Hex8(c.Mark)} comment \"symroute: new connections on {c.Dev}\"\n");
        foreach (var c in plan.Connmarks)
            sb.Append($"\t\tct mark and {Hex8(c.Mask)} == {Hex8(c.Mark)} meta mark set meta mark and {Hex8(keep)} or {Hex8(c.Mark)} comment \"symroute: restore {c.Dev}\"\n");
        sb.Append("\t}\n\n\tchain output {\n\t\ttype route hook output priority mangle; policy accept;\n");
        foreach (var c in plan.Connmarks)
            sb.Append($"\t\tct mark and {Hex8(c.Mask)} == {Hex8(c.Mark)} meta mark set meta mark and {Hex8(keep)} or {Hex8(c.Mark)} comment \"symroute: restore {c.Dev}\"\n");
        sb.Append("\t}\n}\n");
        return sb.ToString();
    }

    private static string Hex8(uint v) => "0x" + v.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
}
