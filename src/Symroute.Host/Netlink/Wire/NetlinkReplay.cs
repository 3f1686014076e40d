namespace Symroute.Host.Netlink.Wire;

/// <summary>Feeds recorded dump bytes (see <see cref="RawMessageRecorder"/>) to a sink, as a live dump would.</summary>
internal static class NetlinkReplay
{
    public static void Feed(ReadOnlySpan<byte> bytes, INetlinkMessageSink sink)
    {
        var reader = new NetlinkMessageReader(bytes);
        while (reader.TryRead(out var msg))
        {
            if (msg.Type is LinuxNetlink.NLMSG_DONE or LinuxNetlink.NLMSG_ERROR or LinuxNetlink.NLMSG_NOOP)
                continue;
            sink.OnMessage(msg);
        }
        if (reader.HasTrailingGarbage)
            throw new NetlinkException("netlink: recorded dump ends inside a message");
    }
}
