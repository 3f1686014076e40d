using System.Net;
using Symroute.Model;

namespace Symroute.Simulation;

/// <summary>An IPv6 address (inet6_ifaddr) with what RFC 6724 source selection needs precomputed.</summary>
internal sealed class SimAddress6
{
    public SimAddress6(InterfaceAddress model, int devId)
    {
        Model = model;
        DevId = devId;
        Ip = model.Local;
        Bits = AddressBits.V6(model.Local);
        PrefixLength = model.PrefixLength;
        var f = model.Flags;
        Tentative = (f & AddressFlags.Tentative) != 0;
        Optimistic = (f & AddressFlags.Optimistic) != 0;
        Deprecated = (f & AddressFlags.Deprecated) != 0;
        Temporary = (f & AddressFlags.Secondary) != 0;
        HomeAddress = (f & AddressFlags.HomeAddress) != 0;
        Type = Ipv6AddressType.Of(Bits);
        SrcScope = Ipv6AddressType.SourceScope(Bits);
        Label = Ipv6AddressType.Label(Bits);
    }

    public InterfaceAddress Model { get; }

    public int DevId { get; }

    public IPAddress Ip { get; }

    public UInt128 Bits { get; }

    public int PrefixLength { get; }

    public bool Tentative { get; }

    public bool Optimistic { get; }

    public bool Deprecated { get; }

    /// <summary>IFA_F_TEMPORARY (privacy address).</summary>
    public bool Temporary { get; }

    public bool HomeAddress { get; }

    public Ipv6AddressType.Kind Type { get; }

    /// <summary>__ipv6_addr_src_scope of the address.</summary>
    public int SrcScope { get; }

    /// <summary>Label from the default address-label policy table.</summary>
    public int Label { get; }
}
