using System.Buffers;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Symroute.Model;
using Symroute.Sources;

namespace Symroute.Output;

/// <summary>
/// Writes routes, rules and links with their addresses as <c>ip -json</c> (iproute2 6.1) prints
/// them: the same keys, in the same order, with the same omissions (print_route, print_rule,
/// print_linkinfo/print_addrinfo). Utf8JsonWriter only, so it is Native-AOT safe.
/// </summary>
public static class IpJsonWriter
{
    /// <summary>Escaping close to iproute2's json_writer, which escapes only quotes, backslashes and controls.</summary>
    public static JsonWriterOptions Compact => new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false, SkipValidation = false };

    /// <summary>What <c>ip -json route show table all</c> prints for these routes, newline included.</summary>
    public static string RoutesText(IEnumerable<Route> routes, TableNames names) =>
        Text(w => WriteRoutes(w, routes, names));

    /// <summary>What <c>ip -json rule show</c> prints for these rules, newline included.</summary>
    public static string RulesText(IEnumerable<Rule> rules, TableNames names) =>
        Text(w => WriteRules(w, rules, names));

    /// <summary>What <c>ip -json addr show</c> prints for the state's links and addresses, newline included.</summary>
    public static string LinksText(HostState state) => Text(w => WriteLinks(w, state.Links, state.Addresses));

    private static string Text(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, Compact))
            write(w);
        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    public static void WriteRoutes(Utf8JsonWriter w, IEnumerable<Route> routes, TableNames names)
    {
        w.WriteStartArray();
        foreach (var r in routes)
            WriteRoute(w, r, names);
        w.WriteEndArray();
    }

    /// <summary>One route object, keys in print_route's order.</summary>
    public static void WriteRoute(Utf8JsonWriter w, Route r, TableNames names)
    {
        w.WriteStartObject();
        if (r.Type != RouteType.Unicast)
            w.WriteString("type"u8, RouteTypeNames.Format(r.Type));
        w.WriteString("dst"u8, r.Dst.ToRouteString());
        if (r.Src is { } src)
            w.WriteString("from"u8, src.ToString());
        if (r.NhId is { } nhid)
            w.WriteNumber("nhid"u8, nhid);
        if (r.Tos != 0)
            w.WriteString("tos"u8, DsfieldNames.Format(r.Tos));
        var single = r.Multipath ? null : r.FirstNexthop;
        if (single?.Gateway is { } gw)
            WriteGateway(w, r.Family, gw);
        if (single?.Dev is { } dev)
            w.WriteString("dev"u8, dev);
        if (r.Table != RouteTableId.Main)
            w.WriteString("table"u8, names.Format(r.Table));
        if (r.Protocol != RouteProtocol.Boot)
            w.WriteString("protocol"u8, ProtocolNames.Format(r.Protocol));
        if (r.Scope != Scope.Global)
            w.WriteString("scope"u8, ScopeNames.Format(r.Scope));
        if (r.PrefSrc is { } ps)
            w.WriteString("prefsrc"u8, ps.ToString());
        if (r.Metric is { } metric)
            w.WriteNumber("metric"u8, metric);
        WriteFlags(w, r.Flags | (single?.Flags ?? NexthopFlags.None));
        if (single?.Realms is { } realms)
            WriteFlow(w, realms);
        if (r.Expires is { } expires)
            w.WriteNumber("expires"u8, expires);
        if (r.Mtu is not null || r.HopLimit is not null)
        {
            w.WriteStartArray("metrics"u8);
            w.WriteStartObject();
            if (r.Mtu is { } mtu) w.WriteNumber("mtu"u8, mtu);
            if (r.HopLimit is { } hl) w.WriteNumber("hoplimit"u8, hl);
            w.WriteEndObject();
            w.WriteEndArray();
        }
        if (r.Pref is { } pref)
            w.WriteString("pref"u8, PrefName(pref));
        if (r.Multipath)
        {
            w.WriteStartArray("nexthops"u8);
            foreach (var nh in r.Nexthops)
            {
                w.WriteStartObject();
                if (nh.Gateway is { } g)
                    WriteGateway(w, r.Family, g);
                if (nh.Realms is { } nr)
                    WriteFlow(w, nr);
                if (nh.Dev is { } d)
                    w.WriteString("dev"u8, d);
                w.WriteNumber("weight"u8, nh.Weight);
                WriteFlags(w, nh.Flags);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    internal static string PrefName(RouterPreference p) => p switch
    {
        RouterPreference.Low => "low",
        RouterPreference.Medium => "medium",
        RouterPreference.High => "high",
        _ => NumberText.Dec((uint)p),
    };

    private static void WriteGateway(Utf8JsonWriter w, Family routeFamily, IPAddress gw)
    {
        var f = AddressText.FamilyOf(gw);
        if (f == routeFamily)
        {
            w.WriteString("gateway"u8, gw.ToString());
            return;
        }
        // RTA_VIA: a gateway of the other family (print_rta_via).
        w.WriteStartObject("via"u8);
        w.WriteString("family"u8, f == Family.Inet ? "inet" : "inet6");
        w.WriteString("host"u8, gw.ToString());
        w.WriteEndObject();
    }

    private static void WriteFlags(Utf8JsonWriter w, NexthopFlags flags)
    {
        w.WriteStartArray("flags"u8);
        foreach (var f in RouteFlagNames.Order)
            if ((flags & f) != 0)
                w.WriteStringValue(RouteFlagNames.Name(f));
        w.WriteEndArray();
    }

    private static void WriteFlow(Utf8JsonWriter w, uint realms)
    {
        w.WriteStartObject("flow"u8);
        ushort from = (ushort)(realms >> 16), to = (ushort)realms;
        if (from != 0)
            w.WriteString("from"u8, RealmNames.Format(from));
        w.WriteString("to"u8, RealmNames.Format(to));
        w.WriteEndObject();
    }

    public static void WriteRules(Utf8JsonWriter w, IEnumerable<Rule> rules, TableNames names)
    {
        w.WriteStartArray();
        foreach (var r in rules)
            WriteRule(w, r, names);
        w.WriteEndArray();
    }

    /// <summary>One rule object, keys in print_rule's order.</summary>
    public static void WriteRule(Utf8JsonWriter w, Rule r, TableNames names)
    {
        int host = r.Family == Family.Inet ? 32 : 128;
        w.WriteStartObject();
        w.WriteNumber("priority"u8, r.Priority);
        if (r.Not)
            w.WriteNull("not"u8);
        if (r.From is { Length: > 0 } from)
        {
            w.WriteString("src"u8, from.Address.ToString());
            if (from.Length != host) w.WriteNumber("srclen"u8, from.Length);
        }
        else
            w.WriteString("src"u8, "all");
        if (r.To is { Length: > 0 } to)
        {
            w.WriteString("dst"u8, to.Address.ToString());
            if (to.Length != host) w.WriteNumber("dstlen"u8, to.Length);
        }
        if (r.Tos is { } tos and not 0)
            w.WriteString("tos"u8, DsfieldNames.Format(tos));
        if (r.FwMark is not null || r.FwMask is not null)
        {
            uint mask = r.FwMask ?? 0xFFFFFFFF;
            w.WriteString("fwmark"u8, NumberText.Hex(r.FwMark ?? 0));
            if (mask != 0xFFFFFFFF)
                w.WriteString("fwmask"u8, NumberText.Hex(mask));
        }
        if (r.Iif is { } iif)
        {
            w.WriteString("iif"u8, iif);
            if (r.IifDetached) w.WriteNull("iif_detached"u8);
        }
        if (r.Oif is { } oif)
        {
            w.WriteString("oif"u8, oif);
            if (r.OifDetached) w.WriteNull("oif_detached"u8);
        }
        if (r.L3mdev)
            w.WriteNull("l3mdev"u8);
        if (r.UidRange is { } uid)
        {
            w.WriteNumber("uid_start"u8, uid.Start);
            w.WriteNumber("uid_end"u8, uid.End);
        }
        if (r.IpProto is { } proto)
            w.WriteString("ipproto"u8, IpProtocolNames.Format(proto));
        WritePorts(w, r.SPort, "sport"u8, "sport_start"u8, "sport_end"u8);
        WritePorts(w, r.DPort, "dport"u8, "dport_start"u8, "dport_end"u8);
        if (r.TunId is { } tun)
            w.WriteNumber("tun_id"u8, tun);
        if (r.Table is { } table and not 0)
        {
            w.WriteString("table"u8, names.Format(table));
            if (r.SuppressPrefixLength is { } spl)
                w.WriteNumber("suppress_prefixlen"u8, spl);
            if (r.SuppressIfGroup is { } sig)
                w.WriteString("suppress_ifgroup"u8, GroupNames.Format(sig));
        }
        if (r.Realms is { } realms and not 0)
        {
            ushort f = (ushort)(realms >> 16), t = (ushort)realms;
            if (f != 0) w.WriteString("flow_from"u8, RealmNames.Format(f));
            w.WriteString("flow_to"u8, RealmNames.Format(t));
        }
        switch (r.Action)
        {
            case RuleAction.Goto:
                if (r.Goto is { } g) w.WriteNumber("goto"u8, g);
                else w.WriteString("goto"u8, "none");
                if (r.Unresolved) w.WriteNull("unresolved"u8);
                break;
            case RuleAction.Nop:
                w.WriteNull("nop"u8);
                break;
            case RuleAction.Lookup:
                break;
            default:
                w.WriteString("action"u8, RuleActionName(r.Action));
                break;
        }
        if (r.Protocol is { } p and not RouteProtocol.Unspec and not RouteProtocol.Kernel)
            w.WriteString("protocol"u8, ProtocolNames.Format(p));
        if (r.Dscp is { } dscp)
            w.WriteString("dscp"u8, DsfieldNames.FormatDscp(dscp));
        w.WriteEndObject();
    }

    /// <summary>rtnl_rtntype_n2a of the FR_ACT_* value, as print_rule prints non-lookup actions.</summary>
    internal static string RuleActionName(RuleAction a) => RouteTypeNames.Format((RouteType)(byte)a);

    private static void WritePorts(Utf8JsonWriter w, PortRange? range, ReadOnlySpan<byte> single, ReadOnlySpan<byte> start, ReadOnlySpan<byte> end)
    {
        if (range is not { } p) return;
        if (p.Start == p.End)
            w.WriteNumber(single, p.Start);
        else
        {
            w.WriteNumber(start, p.Start);
            w.WriteNumber(end, p.End);
        }
    }

    /// <summary>The <c>ip -json addr show</c> array: every link with its addresses as <c>addr_info</c>.</summary>
    public static void WriteLinks(Utf8JsonWriter w, IEnumerable<LinkInfo> links, IEnumerable<InterfaceAddress> addresses)
    {
        var byDev = addresses.ToLookup(a => a.Dev, StringComparer.Ordinal);
        w.WriteStartArray();
        foreach (var l in links)
            WriteLink(w, l, byDev[l.Name]);
        w.WriteEndArray();
    }

    /// <summary>One link object with its addresses (print_linkinfo then print_selected_addrinfo).</summary>
    public static void WriteLink(Utf8JsonWriter w, LinkInfo l, IEnumerable<InterfaceAddress> addresses)
    {
        w.WriteStartObject();
        w.WriteNumber("ifindex"u8, l.Index);
        if (l.LinkIndex is { } li)
            w.WriteNumber("link_index"u8, li);
        else if (l.Link is { } link)
            w.WriteString("link"u8, link);
        w.WriteString("ifname"u8, l.Name);
        w.WriteStartArray("flags"u8);
        foreach (var f in l.Flags.IsDefault ? [] : l.Flags)
            w.WriteStringValue(f);
        w.WriteEndArray();
        w.WriteNumber("mtu"u8, l.Mtu);
        if (l.Qdisc is { } q)
            w.WriteString("qdisc"u8, q);
        if (l.Master is { } m)
            w.WriteString("master"u8, m);
        if (l.OperState is { } os)
            w.WriteString("operstate"u8, os);
        w.WriteString("group"u8, GroupNames.Format(l.Group));
        if (l.TxQueueLength is { } qlen and not 0)
            w.WriteNumber("txqlen"u8, qlen);
        if (l.LinkType is { } lt)
            w.WriteString("link_type"u8, lt);
        if (l.Address is { } addr)
            w.WriteString("address"u8, addr);
        if (l.Broadcast is { } brd)
            w.WriteString("broadcast"u8, brd);
        if (l.Kind is { } kind)
        {
            // Only `ip -d` prints linkinfo; written so the model's kind survives a round trip.
            w.WriteStartObject("linkinfo"u8);
            w.WriteString("info_kind"u8, kind);
            w.WriteEndObject();
        }
        w.WriteStartArray("addr_info"u8);
        foreach (var a in addresses)
            WriteAddress(w, a);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>One addr_info object, keys in print_addrinfo's order.</summary>
    public static void WriteAddress(Utf8JsonWriter w, InterfaceAddress a)
    {
        w.WriteStartObject();
        w.WriteString("family"u8, a.Family == Family.Inet ? "inet" : "inet6");
        w.WriteString("local"u8, a.Local.ToString());
        if (a.Peer is { } peer && !peer.Equals(a.Local))
            w.WriteString("address"u8, peer.ToString());
        w.WriteNumber("prefixlen"u8, a.PrefixLength);
        if (a.Metric is { } metric)
            w.WriteNumber("metric"u8, metric);
        if (a.Broadcast is { } brd)
            w.WriteString("broadcast"u8, brd.ToString());
        w.WriteString("scope"u8, ScopeNames.Format(a.Scope));
        var rest = a.Flags;
        foreach (var f in AddressFlagNames.Order)
        {
            if (f == AddressFlags.Permanent)
            {
                if ((a.Flags & f) == 0) w.WriteBoolean("dynamic"u8, true);
            }
            else if ((a.Flags & f) != 0)
                w.WriteBoolean(AddressFlagNames.Name(f, a.Family), true);
            rest &= ~f;
        }
        if (rest != 0)
            w.WriteString("ifa_flags"u8, ((uint)rest).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        if (a.Protocol is { } p)
            w.WriteString("protocol"u8, AddressProtocolNames.Format(p));
        if (a.Label is { } label)
            w.WriteString("label"u8, label);
        w.WriteNumber("valid_life_time"u8, a.ValidLifetime ?? uint.MaxValue);
        w.WriteNumber("preferred_life_time"u8, a.PreferredLifetime ?? uint.MaxValue);
        w.WriteEndObject();
    }
}
