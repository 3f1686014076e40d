using System.Runtime.InteropServices;
using Symroute.Host.Native;

namespace Symroute.Host.Netlink.Wire;

/// <summary>Owns the file descriptor of a netlink socket; closes it exactly once.</summary>
internal sealed class NetlinkSocketHandle : SafeHandle
{
    public NetlinkSocketHandle(int fd) : base(new IntPtr(-1), ownsHandle: true) => SetHandle(new IntPtr(fd));

    public override bool IsInvalid => handle.ToInt64() < 0;

    public int Fd => (int)handle.ToInt64();

    protected override bool ReleaseHandle() => LibC.Close(Fd) == 0;
}
