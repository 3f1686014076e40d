using System.Runtime.InteropServices;
using Symroute.Host.Netlink.Wire;
using Xunit;

namespace Symroute.Tests.Netlink;

/// <summary>The dump protocol of <see cref="NetlinkSocket"/> against a scripted transport: parts, DONE, errors, restarts.</summary>
public class NetlinkDumpProtocolTests
{
    /// <summary>Answers each request with the datagrams <c>script(attempt, seq)</c> returns.</summary>
    private sealed class ScriptedTransport(Func<int, uint, List<byte[]>> script) : INetlinkTransport
    {
        private readonly Queue<byte[]> _pending = new();
        public int Requests { get; private set; }

        public void Send(ReadOnlySpan<byte> request)
        {
            Requests++;
            uint seq = MemoryMarshal.Read<uint>(request[8..]);
            foreach (var d in script(Requests, seq))
                _pending.Enqueue(d);
        }

        public int PeekSize() => _pending.Peek().Length;

        public int Receive(Span<byte> buffer)
        {
            var d = _pending.Dequeue();
            d.AsSpan(0, Math.Min(d.Length, buffer.Length)).CopyTo(buffer);
            return d.Length;
        }

        public void Dispose() { }
    }

    private sealed class Collect : INetlinkMessageSink
    {
        public List<string> Seen { get; } = [];
        public int Resets { get; private set; }
        public void Reset() { Resets++; Seen.Clear(); }
        public void OnMessage(NetlinkMessage m) => Seen.Add($"{m.Type}:{m.Payload[0]}");
    }

    private static byte[] Msg(ushort type, ushort flags, uint seq, params byte[] payload)
    {
        int len = 16 + payload.Length;
        var b = new byte[LinuxNetlink.NLMSG_ALIGN(len)];
        var h = new NlMsgHdr { Len = (uint)len, Type = type, Flags = flags, Seq = seq };
        MemoryMarshal.Write(b, in h);
        payload.CopyTo(b, 16);
        return b;
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private static byte[] Int(int v) => BitConverter.GetBytes(v);

    private const ushort Multi = LinuxNetlink.NLM_F_MULTI;

    private static void Dump(INetlinkTransport t, INetlinkMessageSink sink)
    {
        using var s = new NetlinkSocket(t);
        s.Dump(RtnlRequest.Dump(Rtnetlink.RTM_GETROUTE, LinuxNetlink.AF_INET), sink, "IPv4 route");
    }

    [Fact]
    public void MultiPartDump_DeliversEveryMessageInOrder_AndSkipsStaleAnswers()
    {
        var t = new ScriptedTransport((_, seq) =>
        [
            Concat(Msg(24, Multi, seq - 1, 9), Msg(24, Multi, seq, 1), Msg(24, Multi, seq, 2)),
            Concat(Msg(LinuxNetlink.NLMSG_NOOP, Multi, seq, 0), Msg(24, Multi, seq, 3)),
            Msg(LinuxNetlink.NLMSG_DONE, Multi, seq, Int(0)),
        ]);
        var sink = new Collect();
        Dump(t, sink);
        Assert.Equal(["24:1", "24:2", "24:3"], sink.Seen);
        Assert.Equal(1, t.Requests);
    }

    [Fact]
    public void InterruptedDump_IsRestartedFromScratch()
    {
        var t = new ScriptedTransport((attempt, seq) => attempt == 1
            ? [Concat(Msg(24, Multi, seq, 1), Msg(24, Multi | LinuxNetlink.NLM_F_DUMP_INTR, seq, 2)), Msg(LinuxNetlink.NLMSG_DONE, Multi, seq, Int(0))]
            : [Concat(Msg(24, Multi, seq, 5), Msg(24, Multi, seq, 6)), Msg(LinuxNetlink.NLMSG_DONE, Multi, seq, Int(0))]);
        var sink = new Collect();
        Dump(t, sink);
        Assert.Equal(2, t.Requests);
        Assert.Equal(1, sink.Resets);
        Assert.Equal(["24:5", "24:6"], sink.Seen);
    }

    [Fact]
    public void AlwaysInterrupted_GivesUpWithAClearError()
    {
        var t = new ScriptedTransport((_, seq) => [Msg(LinuxNetlink.NLMSG_DONE, Multi | LinuxNetlink.NLM_F_DUMP_INTR, seq, Int(0))]);
        var e = Assert.Throws<NetlinkException>(() => Dump(t, new Collect()));
        Assert.Equal(NetlinkSocket.MaxDumpAttempts, t.Requests);
        Assert.Contains("IPv4 route dump was interrupted", e.Message);
    }

    [Fact]
    public void KernelError_BecomesANetlinkExceptionWithErrnoAndExtAckText()
    {
        // struct nlmsgerr { int error = -EPERM; struct nlmsghdr msg (capped) } + NLMSGERR_ATTR_MSG
        var text = "Dump is not allowed\0"u8.ToArray();
        var attr = new byte[LinuxNetlink.NLMSG_ALIGN(4 + text.Length)];
        MemoryMarshal.Write(attr, (ushort)(4 + text.Length));
        MemoryMarshal.Write(attr.AsSpan(2), LinuxNetlink.NLMSGERR_ATTR_MSG);
        text.CopyTo(attr, 4);
        var t = new ScriptedTransport((_, seq) =>
        [
            Msg(LinuxNetlink.NLMSG_ERROR, (ushort)(0x100 | LinuxNetlink.NLM_F_ACK_TLVS), seq, Concat(Int(-1), new byte[16], attr)),
        ]);
        var e = Assert.Throws<NetlinkException>(() => Dump(t, new Collect()));
        Assert.Equal(1, e.Errno);
        Assert.True(e.IsPermissionDenied);
        Assert.Contains("IPv4 route dump failed", e.Message);
        Assert.Contains("(Dump is not allowed)", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void DoneWithAnError_IsReported()
    {
        var t = new ScriptedTransport((_, seq) => [Msg(LinuxNetlink.NLMSG_DONE, Multi, seq, Int(-2))]);
        var e = Assert.Throws<NetlinkException>(() => Dump(t, new Collect()));
        Assert.Equal(2, e.Errno);
    }

    [Fact]
    public void DatagramLargerThanTheBuffer_GrowsIt()
    {
        var big = new byte[200_000];
        big[0] = 42;
        var t = new ScriptedTransport((_, seq) => [Concat(Msg(24, Multi, seq, big), Msg(LinuxNetlink.NLMSG_DONE, Multi, seq, Int(0)))]);
        var sink = new Collect();
        Dump(t, sink);
        Assert.Equal(["24:42"], sink.Seen);
    }
}
