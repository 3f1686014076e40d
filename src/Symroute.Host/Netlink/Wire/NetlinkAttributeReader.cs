using System.Runtime.InteropServices;

namespace Symroute.Host.Netlink.Wire;

/// <summary>Walks a run of rtattrs (RTA_OK / RTA_NEXT): 4-byte header, payload, padding to 4.</summary>
internal ref struct NetlinkAttributeReader
{
    private ReadOnlySpan<byte> _rest;

    public NetlinkAttributeReader(ReadOnlySpan<byte> buffer) => _rest = buffer;

    public bool TryRead(out NetlinkAttribute attribute)
    {
        attribute = default;
        if (_rest.Length < 4)
            return false;
        ushort len = MemoryMarshal.Read<ushort>(_rest);
        ushort type = MemoryMarshal.Read<ushort>(_rest[2..]);
        if (len < 4 || len > _rest.Length)
            return false;
        attribute = new NetlinkAttribute(type, _rest[4..len]);
        int next = Math.Min(LinuxNetlink.NLMSG_ALIGN(len), _rest.Length);
        _rest = _rest[next..];
        return true;
    }
}
