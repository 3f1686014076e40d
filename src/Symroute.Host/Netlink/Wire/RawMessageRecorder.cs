namespace Symroute.Host.Netlink.Wire;

/// <summary>Keeps the raw bytes of every dumped message (for fixtures and replay), messages back to back.</summary>
internal sealed class RawMessageRecorder : INetlinkMessageSink
{
    private readonly MemoryStream _bytes = new();

    public void Reset() => _bytes.SetLength(0);

    public void OnMessage(NetlinkMessage message)
    {
        _bytes.Write(message.Raw);
        // Keep NLMSG_ALIGNment so the concatenation reads back as a valid message stream.
        int pad = LinuxNetlink.NLMSG_ALIGN(message.Raw.Length) - message.Raw.Length;
        for (int i = 0; i < pad; i++) _bytes.WriteByte(0);
    }

    public byte[] ToArray() => _bytes.ToArray();
}
