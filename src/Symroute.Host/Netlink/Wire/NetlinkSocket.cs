using System.Buffers;
using System.Runtime.InteropServices;
using Symroute.Host.Native;

namespace Symroute.Host.Netlink.Wire;

/// <summary>
/// A NETLINK_ROUTE socket that runs dumps: one request, then every NLM_F_MULTI part up to
/// NLMSG_DONE, kernel errors turned into <see cref="NetlinkException"/>, and the whole dump
/// restarted when the kernel flags it NLM_F_DUMP_INTR (the table changed while being dumped).
/// Not thread-safe; one dump at a time.
/// </summary>
internal sealed unsafe class NetlinkSocket : IDisposable
{
    /// <summary>
    /// Receive buffer. The kernel sizes dump datagrams to the reader's buffer but caps them at
    /// about 32 KiB (netlink_recvmsg / netlink_dump in net/netlink/af_netlink.c), so 64 KiB is
    /// enough on today's kernels; a larger datagram is seen first (MSG_PEEK | MSG_TRUNC) and grows it.
    /// </summary>
    private const int InitialBufferSize = 64 * 1024;

    /// <summary>How often an interrupted dump is retried before giving up.</summary>
    public const int MaxDumpAttempts = 10;

    private readonly NetlinkSocketHandle _handle;
    private byte[] _buffer;
    private uint _seq;

    private NetlinkSocket(NetlinkSocketHandle handle)
    {
        _handle = handle;
        _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        _seq = (uint)Environment.TickCount;
    }

    /// <summary>Opens and binds a NETLINK_ROUTE socket; throws <see cref="NetlinkException"/> when the system refuses.</summary>
    public static NetlinkSocket Open()
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
            return new NetlinkSocket(handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Sends <paramref name="request"/> (a dump request from <see cref="RtnlRequest"/>) and passes
    /// every data message of the answer to <paramref name="sink"/>.
    /// </summary>
    public void Dump(byte[] request, INetlinkMessageSink sink, string what)
    {
        for (int attempt = 1; ; attempt++)
        {
            if (attempt > 1)
                sink.Reset();
            var outcome = DumpOnce(request, sink, what);
            if (outcome == DumpOutcome.Complete)
                return;
            if (attempt >= MaxDumpAttempts)
                throw new NetlinkException($"netlink: {what} dump was interrupted {attempt} times in a row (the state keeps changing); try again");
        }
    }

    private enum DumpOutcome { Complete, Restart }

    private DumpOutcome DumpOnce(byte[] request, INetlinkMessageSink sink, string what)
    {
        uint seq = ++_seq;
        MemoryMarshal.Write(request.AsSpan(8), in seq);
        SendAll(request, what);

        bool interrupted = false;
        while (true)
        {
            int n = Receive(what);
            var reader = new NetlinkMessageReader(_buffer.AsSpan(0, n));
            while (reader.TryRead(out var msg))
            {
                if (msg.Header.Seq != seq)
                    continue; // a stale answer to an earlier request
                if ((msg.Flags & LinuxNetlink.NLM_F_DUMP_INTR) != 0)
                    interrupted = true;
                switch (msg.Type)
                {
                    case LinuxNetlink.NLMSG_NOOP:
                        continue;
                    case LinuxNetlink.NLMSG_DONE:
                        {
                            // The payload is the dump's final status (negative errno), with extack TLVs.
                            int status = msg.Payload.Length >= 4 ? MemoryMarshal.Read<int>(msg.Payload) : 0;
                            if (status < 0)
                                throw KernelError(what, -status, msg);
                            return interrupted ? DumpOutcome.Restart : DumpOutcome.Complete;
                        }
                    case LinuxNetlink.NLMSG_ERROR:
                        {
                            int error = msg.Payload.Length >= 4 ? MemoryMarshal.Read<int>(msg.Payload) : 0;
                            if (error == 0)
                                continue; // an ACK
                            throw KernelError(what, -error, msg);
                        }
                    case LinuxNetlink.NLMSG_OVERRUN:
                        interrupted = true;
                        continue;
                    default:
                        sink.OnMessage(msg);
                        continue;
                }
            }
        }
    }

    private void SendAll(byte[] request, string what)
    {
        while (true)
        {
            nint sent;
            fixed (byte* p = request)
                sent = LibC.Send(_handle.Fd, p, (nuint)request.Length, 0);
            if (sent >= 0)
                return;
            int errno = Marshal.GetLastPInvokeError();
            if (errno == LibC.EINTR)
                continue;
            throw Error($"send({what} dump request)", errno);
        }
    }

    /// <summary>Reads one whole datagram into <see cref="_buffer"/>, growing it first when the datagram is larger.</summary>
    private int Receive(string what)
    {
        // Peek with MSG_TRUNC: the return value is the datagram's real length, nothing is consumed.
        int size = RecvInto(null, 0, LinuxNetlink.MSG_PEEK | LinuxNetlink.MSG_TRUNC, what);
        if (size > _buffer.Length)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(size);
        }
        int n = RecvInto(_buffer, _buffer.Length, LinuxNetlink.MSG_TRUNC, what);
        if (n > _buffer.Length)
            throw new NetlinkException($"netlink: recv({what} dump): datagram of {n} bytes truncated");
        return n;
    }

    private int RecvInto(byte[]? buffer, int length, int flags, string what)
    {
        while (true)
        {
            nint n;
            fixed (byte* p = buffer)
                n = LibC.Recv(_handle.Fd, p, (nuint)length, flags);
            if (n >= 0)
                return (int)n;
            int errno = Marshal.GetLastPInvokeError();
            if (errno == LibC.EINTR)
                continue;
            throw Error($"recv({what} dump)", errno);
        }
    }

    private static NetlinkException KernelError(string what, int errno, NetlinkMessage msg)
    {
        string? extack = ExtAckMessage(msg);
        string text = $"netlink: {what} dump failed: {LibC.StrError(errno)}";
        if (!string.IsNullOrEmpty(extack))
            text += $" ({extack})";
        return new NetlinkException(text, errno);
    }

    /// <summary>NLMSGERR_ATTR_MSG of an NLMSG_ERROR / NLMSG_DONE carrying extended-ACK TLVs, if any.</summary>
    private static string? ExtAckMessage(NetlinkMessage msg)
    {
        if ((msg.Flags & LinuxNetlink.NLM_F_ACK_TLVS) == 0)
            return null;
        int offset;
        if (msg.Type == LinuxNetlink.NLMSG_DONE)
            offset = 4;
        else
        {
            // struct nlmsgerr { int error; struct nlmsghdr msg; } + the request payload unless capped.
            if (msg.Payload.Length < 4 + LinuxNetlink.NLMSG_HDRLEN)
                return null;
            offset = 4 + LinuxNetlink.NLMSG_HDRLEN;
            if ((msg.Flags & 0x100) == 0) // NLM_F_CAPPED clear: the whole request was echoed
            {
                uint origLen = MemoryMarshal.Read<uint>(msg.Payload[4..]);
                offset = 4 + LinuxNetlink.NLMSG_ALIGN((int)origLen);
            }
        }
        if (offset > msg.Payload.Length)
            return null;
        var attrs = new NetlinkAttributeReader(msg.Payload[offset..]);
        while (attrs.TryRead(out var a))
            if (a.Type == LinuxNetlink.NLMSGERR_ATTR_MSG)
                return a.String();
        return null;
    }

    private static NetlinkException Error(string call, int errno) =>
        new($"netlink: {call} failed: {LibC.StrError(errno)}", errno);

    public void Dispose()
    {
        _handle.Dispose();
        var b = _buffer;
        _buffer = [];
        if (b.Length > 0)
            ArrayPool<byte>.Shared.Return(b);
    }
}
