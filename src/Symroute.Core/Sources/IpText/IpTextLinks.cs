using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Symroute.Model;

namespace Symroute.Sources;

/// <summary>
/// Parses <c>ip addr show</c> / <c>ip link show</c> blocks (print_linkinfo + print_addrinfo in
/// iproute2's ip/ipaddress.c), including the one-line forms of <c>ip -o</c>.
/// </summary>
internal sealed partial class IpTextLinks
{
    private readonly TextContext _cx;

    public IpTextLinks(TextContext cx) => _cx = cx;

    [GeneratedRegex(@"^(?<index>\d+):\s+(?<name>[^\s:]+):\s+<(?<flags>[^>]*)>\s*")]
    private static partial Regex HeaderShape();

    [GeneratedRegex(@"^(?<index>\d+):\s+(?<name>[^\s:]+)\s+(?=inet6?\s)")]
    private static partial Regex OnelineAddressShape();

    public static bool IsHeader(TextLine line) => !line.IsIndented && HeaderShape().IsMatch(line.Text);

    public static bool IsOnelineAddress(TextLine line) => !line.IsIndented && OnelineAddressShape().IsMatch(line.Text);

    public static bool IsSubLine(TextLine line) =>
        line.Tokens.Count > 0 && (line.IsIndented || line.StartColumn > 1)
        && (line.Tokens[0].Text is "inet" or "inet6" or "valid_lft" or "altname" or "alias" || line.Tokens[0].Text.StartsWith("link/", StringComparison.Ordinal));

    /// <summary>One device as one block printed it, with the addresses listed under it.</summary>
    public sealed class Block
    {
        public required int Index;
        public required string Name;
        public LinkInfo? Link;
        public readonly List<InterfaceAddress> Addresses = [];
        public InterfaceAddress? Pending;
        public TextLine? PendingLine;
        /// <summary>Made of <c>ip -o addr</c> lines, which repeat the device on each address.</summary>
        public bool Oneline;
        /// <summary>The link/ line was read: with <c>ip -d</c> the next detail line names the kind.</summary>
        public bool SawLinkLayer;
        public bool SawKindLine;
    }

    /// <summary>An <c>ip -d</c> detail line under a link: the first one after link/ starts with the kind (veth, vrf, …).</summary>
    public void ParseDetailLine(Block block, TextLine line)
    {
        if (!block.SawLinkLayer || block.SawKindLine || block.Link is null) return;
        block.SawKindLine = true;
        string kind = line.Tokens[0].Text;
        if (!kind.EndsWith("_slave", StringComparison.Ordinal) && kind is not ("RX:" or "TX:" or "altname" or "alias"))
            block.Link = block.Link with { Kind = _cx.Name(kind) };
    }

    public Block ParseHeader(TextLine line)
    {
        const string where = "link line";
        var m = HeaderShape().Match(line.Text);
        int index = Index(line, m);
        string full = m.Groups["name"].Value;
        string name = full;
        string? link = null;
        int? linkIndex = null;
        int at = full.LastIndexOf('@');
        if (at > 0)
        {
            name = full[..at];
            string peer = full[(at + 1)..];
            // ll_idx_n2a prints "if%d" for a peer in another namespace (IFLA_LINK_NETNSID set).
            if (peer.StartsWith("if", StringComparison.Ordinal) && int.TryParse(peer.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out int li))
                linkIndex = li;
            else if (peer != "NONE")
                link = _cx.Name(peer);
        }
        var flags = m.Groups["flags"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(_cx.Name).ToImmutableArray();
        int mtu = 0, group = 0;
        int? qlen = null;
        string? qdisc = null, master = null, state = null;
        var t = line.Tokens;
        int first = 0;
        int restColumn = line.StartColumn + m.Length;
        while (first < t.Count && t[first].Column < restColumn) first++;
        for (int i = first; i < t.Count; i++)
        {
            var k = t[i];
            switch (k.Text)
            {
                case "mtu": mtu = (int)_cx.UInt(line, _cx.Next(line, t, ref i, where), "mtu"); break;
                case "qdisc": qdisc = _cx.Name(_cx.Next(line, t, ref i, where).Text); break;
                case "master": master = _cx.Name(_cx.Next(line, t, ref i, where).Text); break;
                case "state": state = _cx.Name(_cx.Next(line, t, ref i, where).Text); break;
                case "mode": _ = _cx.Next(line, t, ref i, where); break;
                case "group":
                {
                    var v = _cx.Next(line, t, ref i, where);
                    if (!GroupNames.TryParse(v.Text, out group)) throw _cx.Error(line, v, $"unknown device group '{TextContext.Shorten(v.Text)}'");
                    break;
                }
                case "qlen":
                {
                    int q = (int)_cx.UInt(line, _cx.Next(line, t, ref i, where), "qlen");
                    qlen = q == 0 ? null : q;
                    break;
                }
                case "event": _ = _cx.Next(line, t, ref i, where); break;
                default:
                    // xdp programs and other attributes symroute does not model print as "xdp…" words.
                    if (k.Text.StartsWith("xdp", StringComparison.Ordinal) || k.Text.StartsWith("prog/", StringComparison.Ordinal) || k.Text == "id")
                        break;
                    throw _cx.Unexpected(line, k, where);
            }
        }
        return new Block
        {
            Index = index,
            Name = _cx.Name(name),
            Link = new LinkInfo(index, _cx.Name(name), flags, mtu, state, group, master, null, null, null, null, qdisc, qlen, linkIndex, link),
        };
    }

    /// <summary><c>N: DEV    inet …</c> of <c>ip -o addr</c>: a block holding one address.</summary>
    public Block ParseOnelineAddress(TextLine line, bool details, Block? previous)
    {
        var m = OnelineAddressShape().Match(line.Text);
        int index = Index(line, m);
        string name = _cx.Name(m.Groups["name"].Value);
        var block = previous is { Oneline: true } p && p.Index == index && p.Name == name
            ? previous
            : new Block { Index = index, Name = name, Oneline = true };
        var sub = new TextLine(line.Text[m.Length..], line.Number, line.StartColumn + m.Length);
        ParseSubLine(block, sub, details);
        return block;
    }

    private int Index(TextLine line, Match m)
    {
        var g = m.Groups["index"];
        if (!int.TryParse(g.ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out int index))
            throw _cx.Error(line, line.StartColumn + g.Index, $"invalid ifindex '{TextContext.Shorten(g.Value)}'");
        return index;
    }

    public void ParseSubLine(Block block, TextLine line, bool details)
    {
        var t = line.Tokens;
        switch (t[0].Text)
        {
            case "inet" or "inet6":
                Flush(block);
                block.Pending = ParseAddress(block.Name, line, details);
                block.PendingLine = line;
                break;
            case "valid_lft":
                if (block.Pending is null) throw _cx.Error(line, t[0], "lifetimes without an address line before them");
                block.Pending = ParseLifetimes(block.Pending, line);
                Flush(block);
                break;
            case "altname" or "alias":
                break;
            default:
                ParseLinkLayer(block, line, details);
                break;
        }
    }

    /// <summary>Ends the block: the last address may have had no lifetime line.</summary>
    public static void Flush(Block block)
    {
        if (block.Pending is not null) block.Addresses.Add(block.Pending);
        block.Pending = null;
        block.PendingLine = null;
    }

    private void ParseLinkLayer(Block block, TextLine line, bool details)
    {
        const string where = "link/ line";
        var t = line.Tokens;
        string type = t[0].Text["link/".Length..];
        string? address = null, broadcast = null;
        int i = 1;
        if (i < t.Count && t[i].Text is not ("brd" or "peer" or "link-netns" or "link-netnsid" or "permaddr"))
            address = _cx.Name(t[i++].Text);
        for (; i < t.Count; i++)
        {
            var k = t[i];
            switch (k.Text)
            {
                case "brd" or "peer": broadcast = _cx.Name(_cx.Next(line, t, ref i, where).Text); break;
                case "link-netns" or "link-netnsid" or "permaddr" or "new-netns" or "new-netnsid" or "new-ifindex":
                    _ = _cx.Next(line, t, ref i, where);
                    break;
                case "protodown": _ = _cx.Next(line, t, ref i, where); break;
                default:
                    if (details) { i = t.Count; break; }
                    throw _cx.Unexpected(line, k, where);
            }
        }
        if (block.Link is not null)
            block.Link = block.Link with { LinkType = _cx.Name(type), Address = address, Broadcast = broadcast };
        block.SawLinkLayer = true;
    }

    private InterfaceAddress ParseAddress(string dev, TextLine line, bool details)
    {
        const string where = "address line";
        var t = line.Tokens;
        var family = t[0].Text == "inet" ? Family.Inet : Family.Inet6;
        int i = 1;
        if (t.Count < 2) throw _cx.Error(line, t[0].Column + t[0].Text.Length, $"'{t[0].Text}' without an address");
        var localTok = t[i];
        IPAddress? peer = null;
        IpPrefix local;
        if (i + 2 < t.Count && t[i + 1].Text == "peer")
        {
            var l = _cx.Address(line, localTok, "the local address");
            var p = _cx.Prefix(line, t[i + 2], "peer");
            if (p.Family != AddressText.FamilyOf(l)) throw _cx.Error(line, t[i + 2], "peer of the other family");
            peer = p.Address;
            local = new IpPrefix(l, p.Length);
            i += 3;
        }
        else
        {
            local = _cx.Prefix(line, localTok, "the address");
            i++;
        }
        if (local.Family != family) throw _cx.Error(line, localTok, $"{(local.Family == Family.Inet ? "IPv4" : "IPv6")} address on an '{t[0].Text}' line");
        uint? metric = null;
        byte? protocol = null;
        IPAddress? brd = null;
        var scope = Scope.Global;
        var flags = AddressFlags.Permanent;
        string? label = null;
        for (; i < t.Count; i++)
        {
            var k = t[i];
            switch (k.Text)
            {
                case "metric": metric = _cx.UInt(line, _cx.Next(line, t, ref i, where), "metric"); break;
                case "brd":
                {
                    var v = _cx.Next(line, t, ref i, where);
                    brd = _cx.Address(line, v, "brd");
                    if (AddressText.FamilyOf(brd) != family) throw _cx.Error(line, v, "brd of the other family");
                    break;
                }
                case "any" or "mcast": _ = _cx.Next(line, t, ref i, where); break;
                case "scope":
                {
                    var v = _cx.Next(line, t, ref i, where);
                    if (!ScopeNames.TryParse(v.Text, out scope)) throw _cx.Error(line, v, $"unknown scope '{TextContext.Shorten(v.Text)}'");
                    break;
                }
                case "dynamic" when !(family == Family.Inet && i == t.Count - 1): flags &= ~AddressFlags.Permanent; break;
                case "flags":
                {
                    var v = _cx.Next(line, t, ref i, where);
                    if (!uint.TryParse(v.Text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint f))
                        throw _cx.Error(line, v, $"invalid address flags '{TextContext.Shorten(v.Text)}'");
                    flags |= (AddressFlags)f;
                    break;
                }
                case "proto":
                {
                    var v = _cx.Next(line, t, ref i, where);
                    if (!AddressProtocolNames.TryParse(v.Text, out byte p)) throw _cx.Error(line, v, $"unknown address protocol '{TextContext.Shorten(v.Text)}'");
                    protocol = p;
                    break;
                }
                default:
                {
                    // IPv4 lines end with the label (IFA_LABEL, always sent); IPv6 addresses have none.
                    if (family == Family.Inet && i == t.Count - 1) { label = _cx.Name(k.Text); break; }
                    var f = AddressFlagNames.Parse(k.Text);
                    if (f != AddressFlags.None) { flags |= f; break; }
                    if (details) break;
                    throw _cx.Unexpected(line, k, where);
                }
            }
        }
        return new InterfaceAddress(dev, local.Address, local.Length, scope, flags, peer, brd, label, metric, null, null, protocol);
    }

    private InterfaceAddress ParseLifetimes(InterfaceAddress a, TextLine line)
    {
        const string where = "lifetime line";
        var t = line.Tokens;
        uint? valid = null, preferred = null;
        for (int i = 0; i < t.Count; i++)
        {
            var k = t[i];
            switch (k.Text)
            {
                case "valid_lft": valid = Lifetime(line, _cx.Next(line, t, ref i, where)); break;
                case "preferred_lft": preferred = Lifetime(line, _cx.Next(line, t, ref i, where)); break;
                default: throw _cx.Unexpected(line, k, where);
            }
        }
        return a with { ValidLifetime = valid, PreferredLifetime = preferred };
    }

    private uint? Lifetime(TextLine line, TextToken v)
    {
        if (v.Text == "forever") return null;
        var s = v.Text.EndsWith("sec", StringComparison.Ordinal) ? v.Text.AsSpan(0, v.Text.Length - 3) : v.Text.AsSpan();
        if (!long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n) || n > uint.MaxValue)
            throw _cx.Error(line, v, $"invalid lifetime '{TextContext.Shorten(v.Text)}'");
        return n == uint.MaxValue ? null : n < 0 ? 0u : (uint)n;
    }
}
