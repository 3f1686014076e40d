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
        string? Kind, ushort Type, string? Address, int? LinkIndex, bool LinkInOtherNetns);

    public void Reset() => _links.Clear();

    public void OnMessage(NetlinkMessage msg)
    {
        if (msg.Type != Rtnetlink.RTM_NEWLINK || !msg.TryReadHeader(out IfInfoMsg ifi))
            return;
        string? name = null, kind = null, address = null, operState = null;
        int? mtu = null, master = null, link = null;
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
        _links.Add(new RawLink(ifi.Index, name, ifi.Flags, mtu, operState, group, master, kind, ifi.Type, address, link, linkNetns));
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
            string? master = l.MasterIndex is int m ? (byIndex.TryGetValue(m, out var ml) ? ml.Name : "if" + (uint)m) : null;
            result.Add(new LinkInfo(
                Index: l.Index,
                Name: l.Name,
                Flags: flags,
                Mtu: l.Mtu ?? 1500,
                OperState: l.OperState,
                Group: l.Group,
                Master: master,
                Kind: l.Kind,
                LinkType: ArpHardwareNames.Name(l.Type),
                Address: l.Address));
        }
        return new LinkTable(result.MoveToImmutable());
    }
}
