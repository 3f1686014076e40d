using System.Runtime.InteropServices;

namespace Symroute.Host.Netlink.Wire;

/// <summary>
/// Walks the netlink messages packed in one buffer (a datagram, or several concatenated),
/// NLMSG_ALIGNed as the kernel packs them (NLMSG_OK / NLMSG_NEXT).
/// </summary>
internal ref struct NetlinkMessageReader
{
    private ReadOnlySpan<byte> _rest;

    public NetlinkMessageReader(ReadOnlySpan<byte> buffer) => _rest = buffer;

    /// <summary>True while bytes remain that do not form a whole message (a truncated buffer).</summary>
    public readonly bool HasTrailingGarbage => _rest.Length > 0;

    public bool TryRead(out NetlinkMessage message)
    {
        message = default;
        if (_rest.Length < LinuxNetlink.NLMSG_HDRLEN)
            return false;
        var header = MemoryMarshal.Read<NlMsgHdr>(_rest);
        if (header.Len < LinuxNetlink.NLMSG_HDRLEN || header.Len > (uint)_rest.Length)
            return false;
        int len = (int)header.Len;
        message = new NetlinkMessage(header, _rest[LinuxNetlink.NLMSG_HDRLEN..len], _rest[..len]);
        int next = Math.Min(LinuxNetlink.NLMSG_ALIGN(len), _rest.Length);
        _rest = _rest[next..];
        return true;
    }
}
