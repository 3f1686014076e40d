using System.Collections.Immutable;
using Symroute.Host.Netlink.Wire;
using Symroute.Model;

namespace Symroute.Host.Netlink;

/// <summary>Maps an RTM_GETLINK dump to <see cref="LinkInfo"/>s as <c>ip -json link</c> shows them.</summary>
internal sealed class LinkDecoder : INetlinkMessageSink
{
    private static readonly string[] OperStates = ["UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN", "TESTING", "DORMANT", "UP"];

    private readonly List<RawLink> _links = [];

    private readonly record struct RawLink(
        int Index, string Name, uint Flags, int? Mtu, string? OperState, int Group, int? MasterIndex,
        string? Kind, ushort Type, string? Address, string? Broadcast, string? Qdisc, int? TxQueueLength,
        int? LinkIndex, bool LinkInOtherNetns);

    public void Reset() => _links.Clear();

    public void OnMessage(NetlinkMessage msg)
    {
        if (msg.Type != Rtnetlink.RTM_NEWLINK || !msg.TryReadHeader(out IfInfoMsg ifi))
            return;
        string? name = null, kind = null, address = null, broadcast = null, qdisc = null, operState = null;
        int? mtu = null, master = null, link = null, txqlen = null;
        int group = 0;
        bool linkNetns = false;
        var attrs = msg.Attributes(16);
        while (attrs.TryRead(out var a))
        {
            switch (a.Type)
            {
                case IfLink.IFLA_IFNAME: name = a.String(); break;
                case IfLink.IFLA_MTU: mtu = a.I32(); break;
                case IfLink.IFLA_MASTER: master = a.I32(); break;
                case IfLink.IFLA_GROUP: group = a.I32(); break;
                case IfLink.IFLA_LINK: link = a.I32(); break;
                case IfLink.IFLA_LINK_NETNSID: linkNetns = true; break;
                case IfLink.IFLA_ADDRESS: address = LinkLayerAddress.Format(a.Payload, ifi.Type); break;
                case IfLink.IFLA_BROADCAST: broadcast = LinkLayerAddress.Format(a.Payload, ifi.Type); break;
                case IfLink.IFLA_QDISC: qdisc = a.String(); break;
                case IfLink.IFLA_TXQLEN: txqlen = a.I32(); break;
                case IfLink.IFLA_OPERSTATE:
                    byte s = a.U8();
                    operState = s < OperStates.Length ? OperStates[s] : null;
                    break;
                case IfLink.IFLA_LINKINFO:
                    var info = a.Nested();
                    while (info.TryRead(out var i))
                        if (i.Type == IfLink.IFLA_INFO_KIND)
                            kind = i.String();
                    break;
            }
        }
        // iproute2 skips a link without a name (get_ifname_rta).
        if (name is null)
            return;
        _links.Add(new RawLink(ifi.Index, name, ifi.Flags, mtu, operState, group, master, kind, ifi.Type, address, broadcast,
            qdisc, txqlen == 0 ? null : txqlen, link, linkNetns));
    }

    /// <summary>The links in ifindex order, with master names and flags resolved against each other.</summary>
    public LinkTable Build()
    {
        var sorted = _links.OrderBy(l => l.Index).ToList();
        var byIndex = new Dictionary<int, RawLink>();
        foreach (var l in sorted) byIndex[l.Index] = l;
        var flagCache = new Dictionary<(uint, bool), ImmutableArray<string>>();
        var result = ImmutableArray.CreateBuilder<LinkInfo>(sorted.Count);
        foreach (var l in sorted)
        {
            // print_name_and_link: M-DOWN when IFLA_LINK names a device of this namespace that is not UP.
            bool masterDown = l.LinkIndex is int li && li != 0 && !l.LinkInOtherNetns
                && !(byIndex.TryGetValue(li, out var peer) && (peer.Flags & IfLink.IFF_UP) != 0);
            if (!flagCache.TryGetValue((l.Flags, masterDown), out var flags))
                flagCache[(l.Flags, masterDown)] = flags = LinkFlagNames.Format(l.Flags, masterDown);
            string? master = l.MasterIndex is int m ? NameOf(byIndex, m) : null;
            // print_name_and_link: a peer in another namespace is shown by index (link_index), one
            // here by name (link); IFLA_LINK 0 prints "link": null.
            int? linkIndex = l.LinkIndex is int x && x != 0 && l.LinkInOtherNetns ? x : null;
            string? link = l.LinkIndex is int y && y != 0 && !l.LinkInOtherNetns ? NameOf(byIndex, y) : null;
            result.Add(new LinkInfo(
                Index: l.Index,
                Name: l.Name,
                Flags: flags,
                Mtu: l.Mtu ?? 0,
                OperState: l.OperState,
                Group: l.Group,
                Master: master,
                Kind: l.Kind,
                LinkType: ArpHardwareNames.Name(l.Type),
                Address: l.Address,
                Broadcast: l.Broadcast,
                Qdisc: l.Qdisc,
                TxQueueLength: l.TxQueueLength,
                LinkIndex: linkIndex,
                Link: link));
        }
        return new LinkTable(result.MoveToImmutable());
    }

    /// <summary>ll_index_to_name: the device's name, or <c>ifN</c> when no such device.</summary>
    private static string NameOf(Dictionary<int, RawLink> byIndex, int index) =>
        byIndex.TryGetValue(index, out var l) ? l.Name : "if" + ((uint)index).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
