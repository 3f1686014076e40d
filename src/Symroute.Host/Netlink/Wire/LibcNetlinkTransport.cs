using System.Runtime.InteropServices;
using Symroute.Host.Native;

namespace Symroute.Host.Netlink.Wire;

/// <summary>A bound <c>socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE)</c>.</summary>
internal sealed unsafe class LibcNetlinkTransport : INetlinkTransport
{
    private readonly NetlinkSocketHandle _handle;

    private LibcNetlinkTransport(NetlinkSocketHandle handle) => _handle = handle;

    /// <summary>Opens and binds the socket; throws <see cref="NetlinkException"/> when the system refuses.</summary>
    public static LibcNetlinkTransport Open()
    {
        int fd = LibC.Socket(LinuxNetlink.AF_NETLINK, LinuxNetlink.SOCK_RAW | LinuxNetlink.SOCK_CLOEXEC, LinuxNetlink.NETLINK_ROUTE);
        if (fd < 0)
            throw Error("socket(AF_NETLINK, NETLINK_ROUTE)", Marshal.GetLastPInvokeError());
        var handle = new NetlinkSocketHandle(fd);
        try
        {
            // Best effort: error strings from the kernel (extended ACK), and no echo of our request in errors.
            int one = 1;
            LibC.SetSockOpt(fd, LinuxNetlink.SOL_NETLINK, LinuxNetlink.NETLINK_EXT_ACK, &one, sizeof(int));
            LibC.SetSockOpt(fd, LinuxNetlink.SOL_NETLINK, LinuxNetlink.NETLINK_CAP_ACK, &one, sizeof(int));

            // struct sockaddr_nl { nl_family, nl_pad, nl_pid = 0 (kernel assigns), nl_groups = 0 }
            byte* addr = stackalloc byte[12];
            new Span<byte>(addr, 12).Clear();
            *(ushort*)addr = LinuxNetlink.AF_NETLINK;
            if (LibC.Bind(fd, addr, 12) != 0)
                throw Error("bind(AF_NETLINK)", Marshal.GetLastPInvokeError());
            return new LibcNetlinkTransport(handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    public void Send(ReadOnlySpan<byte> request)
    {
        while (true)
        {
            nint sent;
            fixed (byte* p = request)
                sent = LibC.Send(_handle.Fd, p, (nuint)request.Length, 0);
            if (sent >= 0)
                return;
            int errno = Marshal.GetLastPInvokeError();
            if (errno != LibC.EINTR)
                throw Error("send", errno);
        }
    }

    // MSG_PEEK | MSG_TRUNC with no buffer: the return value is the datagram's real length.
    public int PeekSize() => Recv(default, LinuxNetlink.MSG_PEEK | LinuxNetlink.MSG_TRUNC);

    public int Receive(Span<byte> buffer) => Recv(buffer, LinuxNetlink.MSG_TRUNC);

    private int Recv(Span<byte> buffer, int flags)
    {
        while (true)
        {
            nint n;
            fixed (byte* p = buffer)
                n = LibC.Recv(_handle.Fd, p, (nuint)buffer.Length, flags);
            if (n >= 0)
                return (int)n;
            int errno = Marshal.GetLastPInvokeError();
            if (errno != LibC.EINTR)
                throw Error("recv", errno);
        }
    }

    internal static NetlinkException Error(string call, int errno) =>
        new($"netlink: {call} failed: {LibC.StrError(errno)}", errno);

    public void Dispose() => _handle.Dispose();
}
