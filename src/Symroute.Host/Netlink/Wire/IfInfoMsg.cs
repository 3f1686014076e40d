using System.Runtime.InteropServices;

namespace Symroute.Host.Netlink.Wire;

/// <summary>struct ifinfomsg (RTM_*LINK header, 16 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct IfInfoMsg
{
    public byte Family;
    public byte Pad;
    public ushort Type;
    public int Index;
    public uint Flags;
    public uint Change;
}
