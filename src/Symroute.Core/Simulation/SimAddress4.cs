using System.Net;
using Symroute.Model;

namespace Symroute.Simulation;

/// <summary>An IPv4 address (in_ifaddr) with its bits precomputed.</summary>
internal sealed class SimAddress4
{
    public SimAddress4(InterfaceAddress model, int devId)
    {
        Model = model;
        DevId = devId;
        Ip = model.Local;
        Local = AddressBits.V4(model.Local);
        Address = model.Peer is null ? Local : AddressBits.V4(model.Peer);
        PrefixLength = model.PrefixLength;
        Mask = AddressBits.Mask4(model.PrefixLength);
        Scope = (byte)model.Scope;
        Secondary = model.IsSecondary;
    }

    public InterfaceAddress Model { get; }

    public int DevId { get; }

    public IPAddress Ip { get; }

    /// <summary>ifa_local.</summary>
    public uint Local { get; }

    /// <summary>ifa_address: the peer for point-to-point addresses, else the local address.</summary>
    public uint Address { get; }

    public int PrefixLength { get; }

    public uint Mask { get; }

    public byte Scope { get; }

    public bool Secondary { get; }

    /// <summary>inet_ifa_match: the address lies in this address's (peer) subnet.</summary>
    public bool Matches(uint a) => ((a ^ Address) & Mask) == 0;
}
