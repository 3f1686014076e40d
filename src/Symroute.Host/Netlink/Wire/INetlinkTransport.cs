namespace Symroute.Host.Netlink.Wire;

/// <summary>Datagram transport under <see cref="NetlinkSocket"/>: the kernel socket, or a scripted one in tests.</summary>
internal interface INetlinkTransport : IDisposable
{
    void Send(ReadOnlySpan<byte> request);

    /// <summary>The length of the next datagram, without consuming it (blocks until one is there).</summary>
    int PeekSize();

    /// <summary>Consumes the next datagram into <paramref name="buffer"/>; returns its full length (MSG_TRUNC).</summary>
    int Receive(Span<byte> buffer);
}
