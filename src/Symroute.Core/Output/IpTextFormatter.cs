using System.Globalization;
using System.Net;
using System.Text;
using Symroute.Model;
using Symroute.Sources;

namespace Symroute.Output;

/// <summary>
/// Text exactly as iproute2 6.1 prints it: <c>ip rule show</c> lines (print_rule), <c>ip route show
/// table all</c> lines with their trailing spaces and <c>\tnexthop</c> lines (print_route), and
/// <c>ip addr show</c> blocks (print_linkinfo + print_addrinfo).
/// </summary>
public static class IpTextFormatter
{
    /// <summary>One <c>ip rule show</c> line without its newline, e.g. <c>32766:\tfrom all lookup main</c>.</summary>
    public static string FormatRule(Rule r, TableNames names)
    {
        int host = r.Family == Family.Inet ? 32 : 128;
        var sb = new StringBuilder();
        sb.Append(NumberText.Dec(r.Priority)).Append(":\t");
        if (r.Not) sb.Append("not ");
        sb.Append("from ");
        if (r.From is { Length: > 0 } from)
        {
            sb.Append(from.Address);
            if (from.Length != host) sb.Append('/').Append(from.Length);
        }
        else sb.Append("all");
        if (r.To is { Length: > 0 } to)
        {
            sb.Append(" to ").Append(to.Address);
            if (to.Length != host) sb.Append('/').Append(to.Length);
        }
        if (r.Tos is { } tos and not 0) sb.Append(" tos ").Append(DsfieldNames.Format(tos));
        if (r.FwMark is not null || r.FwMask is not null)
        {
            uint mask = r.FwMask ?? 0xFFFFFFFF;
            sb.Append(" fwmark ").Append(NumberText.Hex(r.FwMark ?? 0));
            if (mask != 0xFFFFFFFF) sb.Append('/').Append(NumberText.Hex(mask));
        }
        if (r.Iif is { } iif)
        {
            sb.Append(" iif ").Append(iif);
            if (r.IifDetached) sb.Append(" [detached]");
        }
        if (r.Oif is { } oif)
        {
            sb.Append(" oif ").Append(oif);
            if (r.OifDetached) sb.Append(" [detached]");
        }
        if (r.L3mdev) sb.Append(" lookup [l3mdev-table]");
        if (r.UidRange is { } uid) sb.Append(" uidrange ").Append(uid.Start).Append('-').Append(uid.End);
        if (r.IpProto is { } proto) sb.Append(" ipproto ").Append(IpProtocolNames.Format(proto));
        if (r.SPort is { } sp) sb.Append(" sport ").Append(sp.ToString());
        if (r.DPort is { } dp) sb.Append(" dport ").Append(dp.ToString());
        if (r.TunId is { } tun) sb.Append(" tun_id ").Append(tun.ToString(CultureInfo.InvariantCulture));
        if (r.Table is { } table and not 0)
        {
            sb.Append(" lookup ").Append(names.Format(table));
            if (r.SuppressPrefixLength is { } spl) sb.Append(" suppress_prefixlength ").Append(NumberText.Dec(spl));
            if (r.SuppressIfGroup is { } sig) sb.Append(" suppress_ifgroup ").Append(GroupNames.Format(sig));
        }
        if (r.Realms is { } realms and not 0)
        {
            ushort f = (ushort)(realms >> 16), t = (ushort)realms;
            sb.Append(" realms ");
            if (f != 0) sb.Append(RealmNames.Format(f)).Append('/');
            sb.Append(RealmNames.Format(t));
        }
        switch (r.Action)
        {
            case RuleAction.Goto:
                sb.Append(" goto ").Append(r.Goto is { } g ? NumberText.Dec(g) : "none");
                if (r.Unresolved) sb.Append(" [unresolved]");
                break;
            case RuleAction.Nop:
                sb.Append(" nop");
                break;
            case RuleAction.Lookup:
                break;
            default:
                sb.Append(' ').Append(IpJsonWriter.RuleActionName(r.Action));
                break;
        }
        if (r.Protocol is { } p and not RouteProtocol.Unspec and not RouteProtocol.Kernel)
            sb.Append(" proto ").Append(ProtocolNames.Format(p));
        if (r.Dscp is { } dscp) sb.Append(" dscp ").Append(DsfieldNames.FormatDscp(dscp));
        return sb.ToString();
    }

    /// <summary>Rule lines with newlines, as <c>ip rule show</c> prints a list.</summary>
    public static string FormatRules(IEnumerable<Rule> rules, TableNames names)
    {
        var sb = new StringBuilder();
        foreach (var r in rules) sb.Append(FormatRule(r, names)).Append('\n');
        return sb.ToString();
    }

    /// <summary>
    /// A route as <c>ip route show table all</c> prints it, without the final newline: one line,
    /// plus one <c>\tnexthop …</c> line per nexthop of a multipath route. Trailing spaces kept.
    /// </summary>
    /// <param name="showTable">False to omit <c>table T</c> as <c>ip route show table T</c> does.</param>
    public static string FormatRoute(Route r, TableNames names, bool showTable = true)
    {
        var sb = new StringBuilder();
        AppendRoute(sb, r, names, showTable);
        return sb.ToString();
    }

    /// <summary>Route lines with newlines, as <c>ip route show table all</c> prints a list.</summary>
    public static string FormatRoutes(IEnumerable<Route> routes, TableNames names)
    {
        var sb = new StringBuilder();
        foreach (var r in routes) { AppendRoute(sb, r, names, true); sb.Append('\n'); }
        return sb.ToString();
    }

    private static void AppendRoute(StringBuilder sb, Route r, TableNames names, bool showTable)
    {
        if (r.Type != RouteType.Unicast) sb.Append(RouteTypeNames.Format(r.Type)).Append(' ');
        sb.Append(r.Dst.ToRouteString()).Append(' ');
        if (r.Src is { } src) sb.Append("from ").Append(src.ToString()).Append(' ');
        if (r.NhId is { } nhid) sb.Append("nhid ").Append(NumberText.Dec(nhid)).Append(' ');
        if (r.Tos != 0) sb.Append("tos ").Append(DsfieldNames.Format(r.Tos)).Append(' ');
        var single = r.Multipath ? null : r.FirstNexthop;
        if (single?.Gateway is { } gw) AppendVia(sb, r.Family, gw);
        if (single?.Dev is { } dev) sb.Append("dev ").Append(dev).Append(' ');
        if (showTable && r.Table != RouteTableId.Main) sb.Append("table ").Append(names.Format(r.Table)).Append(' ');
        if (r.Protocol != RouteProtocol.Boot) sb.Append("proto ").Append(ProtocolNames.Format(r.Protocol)).Append(' ');
        if (r.Scope != Scope.Global) sb.Append("scope ").Append(ScopeNames.Format(r.Scope)).Append(' ');
        if (r.PrefSrc is { } ps) sb.Append("src ").Append(ps).Append(' ');
        if (r.Metric is { } metric) sb.Append("metric ").Append(NumberText.Dec(metric)).Append(' ');
        AppendFlags(sb, r.Flags | (single?.Flags ?? NexthopFlags.None));
        if (single?.Realms is { } realms) AppendRealms(sb, realms);
        if (r.Expires is { } expires) sb.Append("expires ").Append(NumberText.Dec(expires)).Append("sec ");
        if (r.Mtu is { } mtu) sb.Append("mtu ").Append(NumberText.Dec(mtu)).Append(' ');
        if (r.HopLimit is { } hl) sb.Append("hoplimit ").Append(NumberText.Dec(hl)).Append(' ');
        if (r.Pref is { } pref) sb.Append("pref ").Append(IpJsonWriter.PrefName(pref));
        if (r.Multipath)
        {
            foreach (var nh in r.Nexthops)
            {
                sb.Append("\n\tnexthop ");
                if (nh.Gateway is { } g) AppendVia(sb, r.Family, g);
                if (nh.Realms is { } nr) AppendRealms(sb, nr);
                if (nh.Dev is { } d) sb.Append("dev ").Append(d).Append(' ');
                sb.Append("weight ").Append(nh.Weight).Append(' ');
                AppendFlags(sb, nh.Flags);
            }
        }
    }

    private static void AppendVia(StringBuilder sb, Family routeFamily, IPAddress gw)
    {
        sb.Append("via ");
        var f = AddressText.FamilyOf(gw);
        if (f != routeFamily) sb.Append(f == Family.Inet ? "inet " : "inet6 ");
        sb.Append(gw).Append(' ');
    }

    private static void AppendFlags(StringBuilder sb, NexthopFlags flags)
    {
        foreach (var f in RouteFlagNames.Order)
            if ((flags & f) != 0) sb.Append(RouteFlagNames.Name(f)).Append(' ');
    }

    private static void AppendRealms(StringBuilder sb, uint realms)
    {
        ushort from = (ushort)(realms >> 16), to = (ushort)realms;
        sb.Append(from != 0 ? "realms " : "realm ");
        if (from != 0) sb.Append(RealmNames.Format(from)).Append('/');
        sb.Append(RealmNames.Format(to)).Append(' ');
    }

    /// <summary>
    /// What <c>ip addr show</c> prints for the state's links and addresses. The peer namespace of a
    /// link (<c>link-netns NAME</c>) is not modelled, so such links print without it.
    /// </summary>
    public static string FormatLinks(HostState state)
    {
        var sb = new StringBuilder();
        var byDev = state.Addresses.ToLookup(a => a.Dev, StringComparer.Ordinal);
        foreach (var l in state.Links)
        {
            AppendLink(sb, l);
            foreach (var a in byDev[l.Name]) AppendAddress(sb, a);
        }
        return sb.ToString();
    }

    private static void AppendLink(StringBuilder sb, LinkInfo l)
    {
        sb.Append(l.Index).Append(": ").Append(l.Name);
        if (l.LinkIndex is { } li) sb.Append("@if").Append(li);
        else if (l.Link is { } link) sb.Append('@').Append(link);
        sb.Append(": <").AppendJoin(',', l.Flags.IsDefault ? [] : l.Flags).Append("> ");
        sb.Append("mtu ").Append(l.Mtu).Append(' ');
        if (l.Qdisc is { } q) sb.Append("qdisc ").Append(q).Append(' ');
        if (l.Master is { } m) sb.Append("master ").Append(m).Append(' ');
        if (l.OperState is { } os) sb.Append("state ").Append(os).Append(' ');
        sb.Append("group ").Append(GroupNames.Format(l.Group)).Append(' ');
        if (l.TxQueueLength is { } qlen and not 0) sb.Append("qlen ").Append(qlen);
        sb.Append('\n');
        if (l.LinkType is { } lt)
        {
            sb.Append("    link/").Append(lt).Append(' ');
            if (l.Address is { } addr) sb.Append(addr);
            if (l.Broadcast is { } brd)
                sb.Append(l.Flags.Contains("POINTOPOINT") ? " peer " : " brd ").Append(brd);
            sb.Append('\n');
        }
    }

    private static void AppendAddress(StringBuilder sb, InterfaceAddress a)
    {
        sb.Append("    ").Append(a.Family == Family.Inet ? "inet" : "inet6").Append(' ').Append(a.Local);
        if (a.Peer is { } peer && !peer.Equals(a.Local)) sb.Append(" peer ").Append(peer);
        sb.Append('/').Append(a.PrefixLength).Append(' ');
        if (a.Metric is { } metric) sb.Append("metric ").Append(NumberText.Dec(metric)).Append(' ');
        if (a.Broadcast is { } brd) sb.Append("brd ").Append(brd).Append(' ');
        sb.Append("scope ").Append(ScopeNames.Format(a.Scope)).Append(' ');
        var rest = a.Flags;
        foreach (var f in AddressFlagNames.Order)
        {
            if (f == AddressFlags.Permanent)
            {
                if ((a.Flags & f) == 0) sb.Append("dynamic ");
            }
            else if ((a.Flags & f) != 0) sb.Append(AddressFlagNames.Name(f, a.Family)).Append(' ');
            rest &= ~f;
        }
        if (rest != 0) sb.Append("flags ").Append(((uint)rest).ToString("x2", CultureInfo.InvariantCulture)).Append(' ');
        if (a.Protocol is { } p and not 0) sb.Append("proto ").Append(AddressProtocolNames.Format(p)).Append(' ');
        if (a.Label is { } label) sb.Append(label);
        sb.Append("\n       valid_lft ").Append(Lifetime(a.ValidLifetime))
          .Append(" preferred_lft ").Append(Lifetime(a.PreferredLifetime)).Append('\n');
    }

    private static string Lifetime(uint? seconds) => seconds is { } s ? NumberText.Dec(s) + "sec" : "forever";
}
