using System.Runtime.InteropServices;

namespace Symroute.Host.Netlink.Wire;

/// <summary>struct rtnexthop (one entry of RTA_MULTIPATH, 8 bytes, attributes follow up to Len).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct RtNexthop
{
    public ushort Len;
    public byte Flags;
    public byte Hops;
    public int IfIndex;
}
