using System.Runtime.InteropServices;

namespace Symroute.Host.Netlink.Wire;

/// <summary>struct ifaddrmsg (RTM_*ADDR header, 8 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct IfAddrMsg
{
    public byte Family;
    public byte PrefixLen;
    public byte Flags;
    public byte Scope;
    public int Index;
}
