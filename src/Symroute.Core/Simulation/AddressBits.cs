using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Symroute.Simulation;

/// <summary>
/// Addresses as integers in network bit order (the first bit on the wire is the most significant),
/// which is what the simulator's hot path works on: IPv4 in a <see cref="uint"/>, IPv6 in a
/// <see cref="UInt128"/>. Conversions do not allocate except when building an <see cref="IPAddress"/>.
/// </summary>
public static class AddressBits
{
    public static uint V4(IPAddress address)
    {
        Span<byte> b = stackalloc byte[16];
        if (!address.TryWriteBytes(b, out int n) || n != 4)
            throw new ArgumentException($"{address} is not an IPv4 address");
        return BinaryPrimitives.ReadUInt32BigEndian(b);
    }

    public static UInt128 V6(IPAddress address)
    {
        Span<byte> b = stackalloc byte[16];
        if (!address.TryWriteBytes(b, out int n) || n != 16)
            throw new ArgumentException($"{address} is not an IPv6 address");
        return BinaryPrimitives.ReadUInt128BigEndian(b);
    }

    /// <summary>The address as a <see cref="UInt128"/>: IPv6 as is, IPv4 in the low 32 bits.</summary>
    public static UInt128 Bits(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetwork ? V4(address) : V6(address);

    public static IPAddress ToAddress4(uint v4)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, v4);
        return new IPAddress(b);
    }

    public static IPAddress ToAddress6(UInt128 v6)
    {
        Span<byte> b = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(b, v6);
        return new IPAddress(b);
    }

    public static uint Mask4(int length) => length <= 0 ? 0u : length >= 32 ? uint.MaxValue : uint.MaxValue << (32 - length);

    public static UInt128 Mask6(int length) => length <= 0 ? UInt128.Zero : length >= 128 ? UInt128.MaxValue : UInt128.MaxValue << (128 - length);

    /// <summary>Number of leading bits two IPv6 addresses share (ipv6_addr_diff).</summary>
    public static int CommonPrefix6(UInt128 a, UInt128 b)
    {
        UInt128 x = a ^ b;
        return x == UInt128.Zero ? 128 : (int)UInt128.LeadingZeroCount(x);
    }

    public static bool IsMulticast4(uint a) => (a & 0xf0000000u) == 0xe0000000u;

    /// <summary>224.0.0.0/24 (ipv4_is_local_multicast).</summary>
    public static bool IsLocalMulticast4(uint a) => (a & 0xffffff00u) == 0xe0000000u;

    public static bool IsLimitedBroadcast4(uint a) => a == 0xffffffffu;

    /// <summary>ipv4_is_zeronet: only 0.0.0.0 since Linux 5.3 made the rest of 0.0.0.0/8 unicast.</summary>
    public static bool IsZeroNet4(uint a) => a == 0;

    /// <summary>127.0.0.0/8.</summary>
    public static bool IsLoopback4(uint a) => (a & 0xff000000u) == 0x7f000000u;

    public const uint AllHosts4 = 0xe0000001u;
    public const uint Loopback4 = 0x7f000001u;
}
