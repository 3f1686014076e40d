using System.Buffers.Binary;
using System.Net;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Symroute.Host.Netlink.Wire;

/// <summary>One rtattr / nlattr: its type (flags masked off) and payload, with typed readers.</summary>
internal readonly ref struct NetlinkAttribute
{
    public NetlinkAttribute(ushort rawType, ReadOnlySpan<byte> payload)
    {
        RawType = rawType;
        Payload = payload;
    }

    public ushort RawType { get; }

    /// <summary>The attribute type without NLA_F_NESTED / NLA_F_NET_BYTEORDER.</summary>
    public ushort Type => (ushort)(RawType & LinuxNetlink.NLA_TYPE_MASK);

    public ReadOnlySpan<byte> Payload { get; }

    public byte U8() => Payload.Length >= 1 ? Payload[0] : (byte)0;

    public ushort U16() => Payload.Length >= 2 ? MemoryMarshal.Read<ushort>(Payload) : (ushort)0;

    public uint U32() => Payload.Length >= 4 ? MemoryMarshal.Read<uint>(Payload) : 0;

    public int I32() => Payload.Length >= 4 ? MemoryMarshal.Read<int>(Payload) : 0;

    public ulong U64() => Payload.Length >= 8 ? MemoryMarshal.Read<ulong>(Payload) : 0;

    /// <summary>A big-endian (network order) 64-bit value, as FRA_TUN_ID.</summary>
    public ulong Be64() => Payload.Length >= 8 ? BinaryPrimitives.ReadUInt64BigEndian(Payload) : 0;

    /// <summary>A NUL-terminated string (IFLA_IFNAME, IFA_LABEL, FRA_IIFNAME, …).</summary>
    public string String()
    {
        var p = Payload;
        int nul = p.IndexOf((byte)0);
        if (nul >= 0) p = p[..nul];
        return Encoding.UTF8.GetString(p);
    }

    public bool TryRead<T>(out T value) where T : unmanaged
    {
        if (Payload.Length < Unsafe.SizeOf<T>())
        {
            value = default;
            return false;
        }
        value = MemoryMarshal.Read<T>(Payload);
        return true;
    }

    /// <summary>An IPv4 (4 bytes) or IPv6 (16 bytes) address; null for any other length.</summary>
    public IPAddress? Address() => Payload.Length is 4 or 16 ? new IPAddress(Payload) : null;

    /// <summary>The attributes nested inside this one.</summary>
    public NetlinkAttributeReader Nested() => new(Payload);
}
