using System.Collections.Immutable;
using System.Net;
using Symroute.Host.Netlink.Wire;
using Symroute.Model;

namespace Symroute.Host.Netlink;

/// <summary>
/// Maps an RTM_GETADDR dump to <see cref="InterfaceAddress"/>es as <c>ip -json addr</c> shows
/// them (ip/ipaddress.c, print_addrinfo).
/// </summary>
internal sealed class AddressDecoder : INetlinkMessageSink
{
    private readonly LinkTable _links;
    private readonly List<(int Index, InterfaceAddress Address)> _addresses = [];

    public AddressDecoder(LinkTable links) => _links = links;

    public void Reset() => _addresses.Clear();

    public void OnMessage(NetlinkMessage msg)
    {
        if (msg.Type != Rtnetlink.RTM_NEWADDR || !msg.TryReadHeader(out IfAddrMsg ifa))
            return;
        if (ifa.Family is not (LinuxNetlink.AF_INET or LinuxNetlink.AF_INET6))
            return;
        IPAddress? local = null, address = null, broadcast = null;
        string? label = null;
        uint? metric = null, valid = null, preferred = null;
        uint flags = ifa.Flags;
        var attrs = msg.Attributes(8);
        while (attrs.TryRead(out var a))
        {
            switch (a.Type)
            {
                case IfAddr.IFA_LOCAL: local = a.Address(); break;
                case IfAddr.IFA_ADDRESS: address = a.Address(); break;
                case IfAddr.IFA_BROADCAST: broadcast = a.Address(); break;
                case IfAddr.IFA_LABEL: label = a.String(); break;
                // IFA_FLAGS (32 bits) supersedes the 8-bit ifa_flags (get_ifa_flags).
                case IfAddr.IFA_FLAGS: flags = a.U32(); break;
                case IfAddr.IFA_RT_PRIORITY: metric = a.U32(); break;
                case IfAddr.IFA_CACHEINFO:
                    if (a.TryRead(out IfaCacheinfo ci))
                    {
                        valid = ci.Valid == IfAddr.INFINITY_LIFE_TIME ? null : ci.Valid;
                        preferred = ci.Prefered == IfAddr.INFINITY_LIFE_TIME ? null : ci.Prefered;
                    }
                    break;
                // IFA_PROTO is left out: iproute2 6.1 does not print it, and the model must be
                // the same whichever source produced it.
            }
        }
        // print_addrinfo: IFA_LOCAL defaults to IFA_ADDRESS and vice versa; the peer shows when they differ.
        local ??= address;
        if (local is null)
            return;
        var peer = address is not null && !address.Equals(local) ? address : null;
        // ip addr shows only addresses of devices it listed.
        if (!_links.Contains(ifa.Index))
            return;
        _addresses.Add((ifa.Index, new InterfaceAddress(
            Dev: _links.Name(ifa.Index)!,
            Local: local,
            PrefixLength: ifa.PrefixLen,
            Scope: (Scope)ifa.Scope,
            Flags: (AddressFlags)flags,
            Peer: peer,
            Broadcast: broadcast,
            Label: label,
            Metric: metric,
            ValidLifetime: valid,
            PreferredLifetime: preferred)));
    }

    /// <summary>
    /// Per device in link order, each device's addresses in dump order (IPv4 before IPv6): the order
    /// <c>ip addr show</c> prints them (print_selected_addrinfo walks the dump for each link).
    /// </summary>
    public ImmutableArray<InterfaceAddress> Build()
    {
        var order = Enumerable.Range(0, _addresses.Count)
            .OrderBy(i => _links.Position(_addresses[i].Index))
            .ThenBy(i => i);
        return [.. order.Select(i => _addresses[i].Address)];
    }
}
