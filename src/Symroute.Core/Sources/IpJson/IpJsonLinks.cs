using System.Collections.Immutable;
using System.Net;
using System.Text.Json;
using Symroute.Model;

namespace Symroute.Sources;

/// <summary>
/// Reads the array <c>ip -json addr show</c> prints (print_linkinfo + print_addrinfo in
/// iproute2's ip/ipaddress.c): one object per link with its <c>addr_info</c>.
/// </summary>
internal static class IpJsonLinks
{
    public static void ReadArray(ref Utf8JsonReader r, JsonContext cx, ImmutableArray<LinkInfo>.Builder links, ImmutableArray<InterfaceAddress>.Builder addresses)
    {
        if (r.TokenType == JsonTokenType.None) cx.Read(ref r);
        cx.What = cx.Section;
        cx.Expect(ref r, JsonTokenType.StartArray, "the link list");
        int index = 0;
        while (true)
        {
            cx.Read(ref r);
            if (r.TokenType == JsonTokenType.EndArray) break;
            index++;
            cx.What = $"{cx.Section}link {index}: ";
            links.Add(ReadLink(ref r, cx, addresses));
        }
        cx.What = "";
    }

    private static LinkInfo ReadLink(ref Utf8JsonReader r, JsonContext cx, ImmutableArray<InterfaceAddress>.Builder addresses)
    {
        cx.Expect(ref r, JsonTokenType.StartObject, "a link");
        long start = r.TokenStartIndex;
        int? index = null, linkIndex = null, txqlen = null;
        string? name = null, qdisc = null, master = null, operstate = null, linkType = null, address = null, broadcast = null, link = null, kind = null;
        int mtu = 0, group = 0;
        var flags = ImmutableArray<string>.Empty;
        // addr_info may come before ifname in hand-made files: keep the objects' bounds and read them last.
        var pending = new List<(long Offset, List<AddressFields> Items)>();

        while (true)
        {
            cx.Read(ref r);
            if (r.TokenType == JsonTokenType.EndObject) break;
            if (r.ValueTextEquals("ifindex"u8)) { cx.Read(ref r); index = cx.Int32(ref r, "ifindex"); }
            else if (r.ValueTextEquals("link_index"u8)) { cx.Read(ref r); linkIndex = cx.Int32(ref r, "link_index"); }
            else if (r.ValueTextEquals("link"u8))
            {
                cx.Read(ref r);
                if (r.TokenType == JsonTokenType.Null) link = null;
                else link = cx.String(ref r, "link");
            }
            else if (r.ValueTextEquals("ifname"u8)) { cx.Read(ref r); name = cx.String(ref r, "ifname"); }
            else if (r.ValueTextEquals("flags"u8))
            {
                cx.Read(ref r);
                cx.Expect(ref r, JsonTokenType.StartArray, "flags");
                var b = ImmutableArray.CreateBuilder<string>();
                while (true)
                {
                    cx.Read(ref r);
                    if (r.TokenType == JsonTokenType.EndArray) break;
                    b.Add(cx.String(ref r, "a link flag"));
                }
                flags = b.ToImmutable();
            }
            else if (r.ValueTextEquals("mtu"u8)) { cx.Read(ref r); mtu = cx.Int32(ref r, "mtu"); }
            else if (r.ValueTextEquals("qdisc"u8)) { cx.Read(ref r); qdisc = cx.String(ref r, "qdisc"); }
            else if (r.ValueTextEquals("master"u8)) { cx.Read(ref r); master = cx.String(ref r, "master"); }
            else if (r.ValueTextEquals("operstate"u8)) { cx.Read(ref r); operstate = cx.String(ref r, "operstate"); }
            else if (r.ValueTextEquals("group"u8))
            {
                cx.Read(ref r);
                if (r.TokenType == JsonTokenType.Number) group = cx.Int32(ref r, "group");
                else
                {
                    var t = cx.Chars(ref r, "group");
                    if (!GroupNames.TryParse(t, out group)) throw cx.Error(ref r, $"unknown device group '{JsonContext.Shorten(t)}'");
                }
            }
            else if (r.ValueTextEquals("txqlen"u8))
            {
                cx.Read(ref r);
                int q = cx.Int32(ref r, "txqlen");
                txqlen = q == 0 ? null : q;
            }
            else if (r.ValueTextEquals("link_type"u8)) { cx.Read(ref r); linkType = cx.String(ref r, "link_type"); }
            else if (r.ValueTextEquals("address"u8)) { cx.Read(ref r); address = cx.String(ref r, "address"); }
            else if (r.ValueTextEquals("broadcast"u8)) { cx.Read(ref r); broadcast = cx.String(ref r, "broadcast"); }
            else if (r.ValueTextEquals("linkinfo"u8))
            {
                cx.Read(ref r);
                cx.Expect(ref r, JsonTokenType.StartObject, "linkinfo");
                while (true)
                {
                    cx.Read(ref r);
                    if (r.TokenType == JsonTokenType.EndObject) break;
                    if (r.ValueTextEquals("info_kind"u8)) { cx.Read(ref r); kind = cx.String(ref r, "info_kind"); }
                    else { cx.Read(ref r); cx.Skip(ref r); }
                }
            }
            else if (r.ValueTextEquals("addr_info"u8))
            {
                cx.Read(ref r);
                cx.Expect(ref r, JsonTokenType.StartArray, "addr_info");
                var items = new List<AddressFields>();
                pending.Add((r.TokenStartIndex, items));
                int n = 0;
                while (true)
                {
                    cx.Read(ref r);
                    if (r.TokenType == JsonTokenType.EndArray) break;
                    n++;
                    string what = cx.What;
                    cx.What = $"{what}address {n}: ";
                    items.Add(ReadAddress(ref r, cx));
                    cx.What = what;
                }
            }
            else { cx.Read(ref r); cx.Skip(ref r); }
        }

        if (index is null) throw cx.Error(start, "missing 'ifindex'");
        if (name is null) throw cx.Error(start, "missing 'ifname'");
        foreach (var (_, items) in pending)
            foreach (var a in items)
                addresses.Add(a.ToAddress(name));
        return new LinkInfo(index.Value, name, flags, mtu, operstate, group, master, kind, linkType, address, broadcast, qdisc, txqlen, linkIndex, link);
    }

    /// <summary>An addr_info entry before its device name is known.</summary>
    private sealed record AddressFields(IPAddress Local, int PrefixLength, Scope Scope, AddressFlags Flags, IPAddress? Peer,
        IPAddress? Broadcast, string? Label, uint? Metric, uint? Valid, uint? Preferred, byte? Protocol)
    {
        public InterfaceAddress ToAddress(string dev) =>
            new(dev, Local, PrefixLength, Scope, Flags, Peer, Broadcast, Label, Metric, Valid, Preferred, Protocol);
    }

    private static AddressFields ReadAddress(ref Utf8JsonReader r, JsonContext cx)
    {
        cx.Expect(ref r, JsonTokenType.StartObject, "an address");
        long start = r.TokenStartIndex;
        Family? family = null;
        IPAddress? local = null, peer = null, brd = null;
        int? prefixlen = null;
        Scope scope = Scope.Global;
        var flags = AddressFlags.Permanent;
        string? label = null;
        uint? metric = null, valid = null, preferred = null;
        byte? protocol = null;

        while (true)
        {
            cx.Read(ref r);
            if (r.TokenType == JsonTokenType.EndObject) break;
            if (r.ValueTextEquals("family"u8))
            {
                cx.Read(ref r);
                var t = cx.Chars(ref r, "family");
                family = t switch
                {
                    "inet" => Family.Inet,
                    "inet6" => Family.Inet6,
                    _ => throw cx.Error(ref r, $"unsupported address family '{JsonContext.Shorten(t)}'"),
                };
            }
            else if (r.ValueTextEquals("local"u8)) { cx.Read(ref r); local = cx.Address(ref r, "local"); }
            else if (r.ValueTextEquals("address"u8)) { cx.Read(ref r); peer = cx.Address(ref r, "address"); }
            else if (r.ValueTextEquals("prefixlen"u8)) { cx.Read(ref r); prefixlen = cx.Int32(ref r, "prefixlen"); }
            else if (r.ValueTextEquals("metric"u8)) { cx.Read(ref r); metric = cx.UInt32(ref r, "metric"); }
            else if (r.ValueTextEquals("broadcast"u8)) { cx.Read(ref r); brd = cx.Address(ref r, "broadcast"); }
            else if (r.ValueTextEquals("scope"u8))
            {
                cx.Read(ref r);
                var t = cx.Chars(ref r, "scope");
                if (!ScopeNames.TryParse(t, out scope)) throw cx.Error(ref r, $"unknown scope '{JsonContext.Shorten(t)}'");
            }
            else if (r.ValueTextEquals("dynamic"u8))
            {
                cx.Read(ref r);
                if (cx.Bool(ref r, "dynamic")) flags &= ~AddressFlags.Permanent;
            }
            else if (r.ValueTextEquals("ifa_flags"u8))
            {
                cx.Read(ref r);
                var t = cx.Chars(ref r, "ifa_flags");
                if (!uint.TryParse(t, System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out uint f))
                    throw cx.Error(ref r, $"invalid ifa_flags '{JsonContext.Shorten(t)}'");
                flags |= (AddressFlags)f;
            }
            else if (r.ValueTextEquals("protocol"u8))
            {
                cx.Read(ref r);
                if (r.TokenType == JsonTokenType.Number)
                {
                    uint p = cx.UInt32(ref r, "protocol");
                    if (p > 255) throw cx.Error(ref r, $"protocol {p} out of range 0-255");
                    protocol = (byte)p;
                }
                else
                {
                    var t = cx.Chars(ref r, "protocol");
                    if (!AddressProtocolNames.TryParse(t, out byte p)) throw cx.Error(ref r, $"unknown address protocol '{JsonContext.Shorten(t)}'");
                    protocol = p;
                }
            }
            else if (r.ValueTextEquals("label"u8)) { cx.Read(ref r); label = cx.String(ref r, "label"); }
            else if (r.ValueTextEquals("valid_life_time"u8)) { cx.Read(ref r); valid = Lifetime(ref r, cx, "valid_life_time"); }
            else if (r.ValueTextEquals("preferred_life_time"u8)) { cx.Read(ref r); preferred = Lifetime(ref r, cx, "preferred_life_time"); }
            else
            {
                var flag = AddressFlagNames.FromJsonKey(ref r);
                cx.Read(ref r);
                if (flag != AddressFlags.None)
                {
                    if (cx.Bool(ref r, "an address flag")) flags |= flag;
                }
                else cx.Skip(ref r);
            }
        }
        if (local is null) throw cx.Error(start, "missing 'local'");
        if (prefixlen is null) throw cx.Error(start, "missing 'prefixlen'");
        var fam = AddressText.FamilyOf(local);
        if (family is not null && family != fam) throw cx.Error(start, $"'family' {(family == Family.Inet ? "inet" : "inet6")} does not match 'local' {local}");
        if (prefixlen < 0 || prefixlen > (fam == Family.Inet ? 32 : 128)) throw cx.Error(start, $"prefixlen {prefixlen} out of range");
        if (peer is not null && AddressText.FamilyOf(peer) != fam) throw cx.Error(start, "peer 'address' of the other family");
        if (brd is not null && AddressText.FamilyOf(brd) != fam) throw cx.Error(start, "'broadcast' of the other family");
        if (peer is not null && peer.Equals(local)) peer = null;
        return new AddressFields(local, prefixlen.Value, scope, flags, peer, brd, label, metric, valid, preferred, protocol);
    }

    /// <summary>Seconds; 4294967295 (INFINITY_LIFE_TIME) is forever, kept as null.</summary>
    private static uint? Lifetime(ref Utf8JsonReader r, JsonContext cx, string what)
    {
        if (r.TokenType == JsonTokenType.Number && r.TryGetInt64(out long v) && v >= int.MinValue && v <= uint.MaxValue)
            return v == uint.MaxValue ? null : v < 0 ? 0u : (uint)v;
        throw cx.Error(ref r, $"expected a number of seconds for {what}");
    }
}
