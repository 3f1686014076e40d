using System.Buffers.Binary;
using System.Net;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Symroute.Model;

namespace Symroute.Simulation.Fib;

/// <summary>
/// Immutable IPv6 longest-prefix-match index: a <see cref="Poptrie"/> over 128-bit addresses
/// with 18 bits of direct pointing for a full table, so the 6-bit strides end at /24, /30, /36,
/// /42 and /48: a /48 (half of an Internet table) is found in the fifth record, against the
/// sixth with 16 direct bits, and the records shrink by about what the direct array grows
/// (measured on the 2023 table: 1.3-1.8 times the lookups per second for destinations inside
/// table prefixes, 3.7 MB of direct array and records either way). Prefix ids are ranks in (address, length) order; <see cref="SourceIndexOf"/> maps them
/// back to positions in the build input.
/// </summary>
public sealed class Ipv6Lpm
{
    internal const int FullDirectBits = 18;

    private readonly int _directBits;

    private readonly Poptrie _trie;

    private Ipv6Lpm(Poptrie trie)
    {
        _trie = trie;
        _directBits = trie.DirectBits;
    }

    /// <summary>
    /// Direct bits for a table of <paramref name="count"/> prefixes: a full table gets the large
    /// direct array, a small one (a policy table, the local table) a small array that stays in
    /// cache: a decision walks several tables, and a megabyte array per table made each of them a
    /// cache miss.
    /// </summary>
    private static int DirectBitsFor(int count) => count <= 1024 ? 8 : count <= 65536 ? 12 : FullDirectBits;


    internal Poptrie Trie => _trie;

    /// <summary>Number of prefixes.</summary>
    public int Count => _trie.Lengths.Length;

    /// <summary>Bytes held by the structure's arrays.</summary>
    public long SizeInBytes => _trie.SizeInBytes;

    /// <summary>
    /// Indexes prefix i = (<paramref name="addresses"/>[i], <paramref name="lengths"/>[i]),
    /// addresses as big-endian numbers (2001:db8:: = 0x20010db8_0000…). Host bits are ignored;
    /// the same prefix twice throws <see cref="ArgumentException"/>.
    /// </summary>
    public static Ipv6Lpm Build(ReadOnlySpan<UInt128> addresses, ReadOnlySpan<byte> lengths) =>
        Build(addresses, lengths, DirectBitsFor(addresses.Length));

    /// <summary>
    /// <see cref="Build(ReadOnlySpan{UInt128}, ReadOnlySpan{byte})"/> with the given direct bits
    /// (tests check the full-table layout on small adversarial sets).
    /// </summary>
    internal static Ipv6Lpm Build(ReadOnlySpan<UInt128> addresses, ReadOnlySpan<byte> lengths, int directBits) =>
        new(Poptrie.Build(addresses, lengths, directBits, false, static (a, l) => new IpPrefix(ToAddress(a), l).ToString()));

    private static IPAddress ToAddress(UInt128 a)
    {
        Span<byte> b = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(b, a);
        return new IPAddress(b);
    }

    /// <summary>Length of prefix <paramref name="id"/>.</summary>
    public int LengthOf(int id) => _trie.Lengths[id];

    /// <summary>Position in the build input of prefix <paramref name="id"/>.</summary>
    public int SourceIndexOf(int id) => _trie.SourceIndexes[id];

    /// <summary>The longest prefix containing <paramref name="address"/>.</summary>
    public bool TryMatch(UInt128 address, out int id)
    {
        id = Find((ulong)(address >> 64), (ulong)address);
        return id >= 0;
    }

    /// <summary>
    /// The longest prefix containing <paramref name="address"/> whose length is at most
    /// <paramref name="maxLength"/>: the kernel's backtracking (fib6_backtrack) when no route of a longer match survives.
    /// </summary>
    public bool TryMatch(UInt128 address, int maxLength, out int id)
    {
        id = Find((ulong)(address >> 64), (ulong)address);
        if (maxLength < 128)
            id = _trie.Backtrack(id, maxLength);
        return id >= 0;
    }

    /// <summary>Id of the longest prefix containing the address (high and low 64 bits), or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int Find(ulong high, ulong low)
    {
        // As Ipv4Lpm.Find, with a 128-bit shift register (hi:lo) holding the next bits at the top of hi.
        uint direct = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_trie.Direct), (nint)(high >> (64 - _directBits)));
        ref byte records = ref MemoryMarshal.GetArrayDataReference(_trie.Records);
        uint offset = direct & (uint)~((int)direct >> 31);
        ref byte record = ref Unsafe.Add(ref records, (nint)offset << 3);
        ulong vector = Unsafe.ReadUnaligned<ulong>(ref record);
        ulong hi = (high << _directBits) | (low >> (64 - _directBits));
        ulong lo = low << _directBits;
        int v = (int)(hi >> 58);
        while ((vector & (1UL << v)) != 0)
        {
            nint at = Poptrie.HeaderSize + 4 * (BitOperations.PopCount(vector & (ulong.MaxValue >> (63 - v))) - 1);
            record = ref Unsafe.Add(ref records, (nint)Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref record, at)) << 3);
            vector = Unsafe.ReadUnaligned<ulong>(ref record);
            hi = (hi << 6) | (lo >> 58);
            lo <<= 6;
            v = (int)(hi >> 58);
        }
        return _trie.Leaf(ref record, vector, v, direct);
    }
}
