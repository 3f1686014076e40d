using System.Buffers.Binary;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;

namespace Symroute.Host.Netlink.Wire;

/// <summary>
/// Builds one netlink request: nlmsghdr, a fixed family header (rtmsg, fib_rule_hdr), then
/// attributes, each padded to NLA_ALIGNTO (4) as the kernel's nla_parse expects. Nested attributes
/// (RTA_MULTIPATH, RTA_METRICS) are opened and closed around their contents.
/// </summary>
internal sealed class NetlinkMessageBuilder
{
    private byte[] _buf = new byte[256];
    private int _len;

    public NetlinkMessageBuilder(ushort type, ushort flags)
    {
        var hdr = new NlMsgHdr { Type = type, Flags = flags };
        Append(MemoryMarshal.AsBytes(new ReadOnlySpan<NlMsgHdr>(in hdr)));
    }

    /// <summary>Appends the family header (a blittable struct), aligned.</summary>
    public void Header<T>(in T header) where T : unmanaged
    {
        Append(MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in header)));
        Pad();
    }

    public void U8(ushort type, byte value) => Attr(type, [value]);

    public void U32(ushort type, uint value)
    {
        Span<byte> b = stackalloc byte[4];
        MemoryMarshal.Write(b, in value);
        Attr(type, b);
    }

    public void U64BigEndian(ushort type, ulong value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(b, value);
        Attr(type, b);
    }

    public void Address(ushort type, IPAddress address)
    {
        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out int n);
        Attr(type, b[..n]);
    }

    /// <summary>A NUL-terminated string (IFNAMSIZ names: FRA_IIFNAME, FRA_OIFNAME).</summary>
    public void String(ushort type, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value + "\0");
        Attr(type, bytes);
    }

    public void Bytes(ushort type, ReadOnlySpan<byte> value) => Attr(type, value);

    /// <summary>Starts a nested attribute; returns its offset for <see cref="EndNested"/>.</summary>
    public int BeginNested(ushort type)
    {
        int at = _len;
        Span<byte> h = stackalloc byte[4];
        MemoryMarshal.Write(h[2..], in type);
        Append(h);
        return at;
    }

    public void EndNested(int at)
    {
        ushort len = (ushort)(_len - at);
        MemoryMarshal.Write(_buf.AsSpan(at), in len);
    }

    /// <summary>Appends raw bytes (an rtnexthop inside RTA_MULTIPATH); returns their offset.</summary>
    public int Raw(ReadOnlySpan<byte> bytes)
    {
        int at = _len;
        Append(bytes);
        Pad();
        return at;
    }

    /// <summary>Overwrites a u16 at an offset (rtnh_len once the nexthop's attributes are known).</summary>
    public void PatchU16(int at, ushort value) => MemoryMarshal.Write(_buf.AsSpan(at), in value);

    public int Length => _len;

    /// <summary>The finished request, nlmsg_len filled in; the sequence number is the socket's.</summary>
    public byte[] ToArray()
    {
        uint len = (uint)_len;
        MemoryMarshal.Write(_buf.AsSpan(0), in len);
        return _buf.AsSpan(0, _len).ToArray();
    }

    private void Attr(ushort type, ReadOnlySpan<byte> payload)
    {
        Span<byte> h = stackalloc byte[4];
        ushort len = (ushort)(4 + payload.Length);
        MemoryMarshal.Write(h, in len);
        MemoryMarshal.Write(h[2..], in type);
        Append(h);
        Append(payload);
        Pad();
    }

    private void Pad()
    {
        int aligned = LinuxNetlink.NLMSG_ALIGN(_len);
        if (aligned > _len)
        {
            Span<byte> zeros = stackalloc byte[4];
            zeros.Clear();
            Append(zeros[..(aligned - _len)]);
        }
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (_len + bytes.Length > _buf.Length)
            Array.Resize(ref _buf, Math.Max(_buf.Length * 2, _len + bytes.Length));
        bytes.CopyTo(_buf.AsSpan(_len));
        _len += bytes.Length;
    }
}
