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
internal sealed class NetlinkSocket : IDisposable
{
    /// <summary>
    /// Receive buffer. The kernel sizes dump datagrams to the reader's buffer but caps them at
    /// about 32 KiB (netlink_recvmsg / netlink_dump in net/netlink/af_netlink.c), so 64 KiB is
    /// enough on today's kernels; a larger datagram is seen first (MSG_PEEK | MSG_TRUNC) and grows it.
    /// </summary>
    private const int InitialBufferSize = 64 * 1024;

    /// <summary>How often an interrupted dump is retried before giving up.</summary>
    public const int MaxDumpAttempts = 10;

    private readonly INetlinkTransport _transport;
    private byte[] _buffer;
    private uint _seq;

    internal NetlinkSocket(INetlinkTransport transport)
    {
        _transport = transport;
        _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        _seq = (uint)Environment.TickCount;
    }

    /// <summary>Opens a NETLINK_ROUTE socket; throws <see cref="NetlinkException"/> when the system refuses.</summary>
    public static NetlinkSocket Open() => new(LibcNetlinkTransport.Open());

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

    /// <summary>
    /// Sends one change request (RTM_NEWROUTE, RTM_DELRULE, …; the caller sets NLM_F_ACK) and waits
    /// for the kernel's answer: the NLMSG_ERROR carrying 0 (done) or a negative errno.
    /// </summary>
    /// <returns>0 when the kernel accepted it, else the positive errno; <paramref name="extack"/> holds the kernel's explanation when it gave one.</returns>
    public int Request(byte[] request, string what, out string? extack)
    {
        extack = null;
        uint seq = ++_seq;
        MemoryMarshal.Write(request.AsSpan(8), in seq);
        SendAll(request, what);
        while (true)
        {
            int n = Receive(what);
            var reader = new NetlinkMessageReader(_buffer.AsSpan(0, n));
            while (reader.TryRead(out var msg))
            {
                if (msg.Header.Seq != seq || msg.Type != LinuxNetlink.NLMSG_ERROR)
                    continue;
                int error = msg.Payload.Length >= 4 ? MemoryMarshal.Read<int>(msg.Payload) : 0;
                if (error != 0)
                    extack = ExtAckMessage(msg);
                return -error;
            }
        }
    }

    private void SendAll(byte[] request, string what)
    {
        try
        {
            _transport.Send(request);
        }
        catch (NetlinkException e)
        {
            throw new NetlinkException($"{e.Message} ({what} dump request)", e.Errno);
        }
    }

    /// <summary>Reads one whole datagram into <see cref="_buffer"/>, growing it first when the datagram is larger.</summary>
    private int Receive(string what)
    {
        try
        {
            int size = _transport.PeekSize();
            if (size > _buffer.Length)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = ArrayPool<byte>.Shared.Rent(size);
            }
            int n = _transport.Receive(_buffer);
            if (n > _buffer.Length)
                throw new NetlinkException($"netlink: datagram of {n} bytes truncated");
            return n;
        }
        catch (NetlinkException e)
        {
            throw new NetlinkException($"{e.Message} ({what} dump)", e.Errno);
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

    public void Dispose()
    {
        _transport.Dispose();
        var b = _buffer;
        _buffer = [];
        if (b.Length > 0)
            ArrayPool<byte>.Shared.Return(b);
    }
}
