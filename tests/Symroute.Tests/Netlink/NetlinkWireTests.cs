using System.Runtime.InteropServices;
using Symroute.Host.Netlink.Wire;
using Xunit;

namespace Symroute.Tests.Netlink;

public class NetlinkWireTests
{
    private static byte[] Message(ushort type, ushort flags, uint seq, byte[] payload)
    {
        int len = 16 + payload.Length;
        var b = new byte[LinuxNetlink.NLMSG_ALIGN(len)];
        var h = new NlMsgHdr { Len = (uint)len, Type = type, Flags = flags, Seq = seq };
        MemoryMarshal.Write(b, in h);
        payload.CopyTo(b, 16);
        return b;
    }

    private static byte[] Attr(ushort type, params byte[] payload)
    {
        var b = new byte[LinuxNetlink.NLMSG_ALIGN(4 + payload.Length)];
        MemoryMarshal.Write(b, (ushort)(4 + payload.Length));
        MemoryMarshal.Write(b.AsSpan(2), type);
        payload.CopyTo(b, 4);
        return b;
    }

    [Fact]
    public void MessageReader_WalksAlignedMessagesAndStopsAtATruncatedOne()
    {
        var bytes = Message(24, 2, 7, [1, 2, 3]).Concat(Message(3, 2, 7, [0, 0, 0, 0])).ToArray();
        var r = new NetlinkMessageReader(bytes);
        Assert.True(r.TryRead(out var m1));
        Assert.Equal(24, m1.Type);
        Assert.Equal(3, m1.Payload.Length); // nlmsg_len, not the padding
        Assert.True(r.TryRead(out var m2));
        Assert.Equal(LinuxNetlink.NLMSG_DONE, m2.Type);
        Assert.False(r.TryRead(out _));
        Assert.False(r.HasTrailingGarbage);

        var cut = new NetlinkMessageReader(bytes.AsSpan(0, bytes.Length - 2));
        Assert.True(cut.TryRead(out _));
        Assert.False(cut.TryRead(out _));
        Assert.True(cut.HasTrailingGarbage);
    }

    [Fact]
    public void MessageReader_RejectsLengthsShorterThanTheHeader()
    {
        var bytes = Message(24, 0, 1, []);
        MemoryMarshal.Write(bytes, 8u);
        var r = new NetlinkMessageReader(bytes);
        Assert.False(r.TryRead(out _));
    }

    [Fact]
    public void AttributeReader_MasksFlagsPadsAndNests()
    {
        var inner = Attr(1, (byte)'v', (byte)'e', (byte)'t', (byte)'h', 0);
        var bytes = Attr(3, (byte)'e', (byte)'t', (byte)'h', (byte)'0', 0)
            .Concat(Attr(18 | LinuxNetlink.NLA_F_NESTED, inner))
            .Concat(Attr(4, 0xdc, 0x05, 0, 0))
            .ToArray();
        var r = new NetlinkAttributeReader(bytes);
        Assert.True(r.TryRead(out var name));
        Assert.Equal("eth0", name.String());
        Assert.True(r.TryRead(out var info));
        Assert.Equal(18, info.Type);
        var n = info.Nested();
        Assert.True(n.TryRead(out var kind));
        Assert.Equal("veth", kind.String());
        Assert.True(r.TryRead(out var mtu));
        Assert.Equal(1500u, mtu.U32());
        Assert.False(r.TryRead(out _));
    }

    [Fact]
    public void Attribute_ShortPayloadsReadAsZeroNotAsACrash()
    {
        var bytes = Attr(6, 1, 2);
        var r = new NetlinkAttributeReader(bytes);
        Assert.True(r.TryRead(out var a));
        Assert.Equal(0u, a.U32());
        Assert.Equal(0ul, a.U64());
        Assert.Null(a.Address());
        Assert.False(a.TryRead(out IfaCacheinfo _));
    }

    [Fact]
    public void AttributeReader_StopsAtAnOverlongAttribute()
    {
        var bytes = Attr(1, 1, 2, 3, 4);
        MemoryMarshal.Write(bytes, (ushort)200);
        Assert.False(new NetlinkAttributeReader(bytes).TryRead(out _));
    }

    [Fact]
    public void DumpRequest_HasTheKernelLayout()
    {
        var req = RtnlRequest.Dump(Rtnetlink.RTM_GETROUTE, LinuxNetlink.AF_INET6);
        var h = MemoryMarshal.Read<NlMsgHdr>(req);
        Assert.Equal((uint)req.Length, h.Len);
        Assert.Equal(28, req.Length); // nlmsghdr + rtmsg
        Assert.Equal(Rtnetlink.RTM_GETROUTE, h.Type);
        Assert.Equal(LinuxNetlink.NLM_F_REQUEST | LinuxNetlink.NLM_F_DUMP, h.Flags);
        Assert.Equal(LinuxNetlink.AF_INET6, req[16]);

        var link = RtnlRequest.Dump(Rtnetlink.RTM_GETLINK, LinuxNetlink.AF_UNSPEC);
        Assert.Equal(16 + 16 + 8, link.Length); // + IFLA_EXT_MASK
        Assert.Equal(IfLink.IFLA_EXT_MASK, MemoryMarshal.Read<ushort>(link.AsSpan(34)));
    }

    [Fact]
    public void Replay_ReportsARecordingCutInsideAMessage()
    {
        var bytes = Message(24, 2, 1, new byte[12]);
        Assert.Throws<NetlinkException>(() => NetlinkReplay.Feed(bytes.AsSpan(0, 20), new RawMessageRecorder()));
    }
}
