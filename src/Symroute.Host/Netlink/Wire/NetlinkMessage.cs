using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Symroute.Host.Netlink.Wire;

/// <summary>One netlink message: its header and the payload after it (family header + attributes).</summary>
internal readonly ref struct NetlinkMessage
{
    public NetlinkMessage(NlMsgHdr header, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> raw)
    {
        Header = header;
        Payload = payload;
        Raw = raw;
    }

    public NlMsgHdr Header { get; }

    public ushort Type => Header.Type;

    public ushort Flags => Header.Flags;

    /// <summary>Bytes after the nlmsghdr, up to nlmsg_len.</summary>
    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>The whole message, header included (nlmsg_len bytes).</summary>
    public ReadOnlySpan<byte> Raw { get; }

    /// <summary>Reads the fixed family header (ifinfomsg, rtmsg, …); false when the payload is too short.</summary>
    public bool TryReadHeader<T>(out T header) where T : unmanaged
    {
        if (Payload.Length < Unsafe.SizeOf<T>())
        {
            header = default;
            return false;
        }
        header = MemoryMarshal.Read<T>(Payload);
        return true;
    }

    /// <summary>The attributes after a family header of <paramref name="headerSize"/> bytes.</summary>
    public NetlinkAttributeReader Attributes(int headerSize)
    {
        int start = LinuxNetlink.NLMSG_ALIGN(headerSize);
        return new NetlinkAttributeReader(start <= Payload.Length ? Payload[start..] : default);
    }
}
