using System.Runtime.InteropServices;

namespace Symroute.Host.Netlink.Wire;

/// <summary>struct rtmsg (RTM_*ROUTE header, 12 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct RtMsg
{
    public byte Family;
    public byte DstLen;
    public byte SrcLen;
    public byte Tos;
    public byte Table;
    public byte Protocol;
    public byte Scope;
    public byte Type;
    public uint Flags;
}
