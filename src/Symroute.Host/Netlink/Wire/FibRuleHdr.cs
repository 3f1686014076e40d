using System.Runtime.InteropServices;

namespace Symroute.Host.Netlink.Wire;

/// <summary>struct fib_rule_hdr (RTM_*RULE header, 12 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct FibRuleHdr
{
    public byte Family;
    public byte DstLen;
    public byte SrcLen;
    public byte Tos;
    public byte Table;
    public byte Res1;
    public byte Res2;
    public byte Action;
    public uint Flags;
}
