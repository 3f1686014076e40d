using System.Net;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Symroute.Simulation.Fib;

/// <summary>
/// Immutable IPv6 longest-prefix-match index: a poptrie over 128-bit addresses with 16 bits of
/// direct pointing (so 6-bit strides meet the 64-bit halves exactly at bit 64). Answers with
/// prefix ids, the positions of the prefixes in the build input.
/// </summary>
public sealed class Ipv6Lpm
{
    private const int DirectBits = 16;

    private readonly Poptrie _trie;

    internal Poptrie Trie => _trie;

    private Ipv6Lpm(Poptrie trie) => _trie = trie;

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
        new(Poptrie.Build(addresses, lengths, DirectBits, static (a, l) => $"{ToAddress(a)}/{l}"));

    private static IPAddress ToAddress(UInt128 a)
    {
        Span<byte> b = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(b, a);
        return new IPAddress(b);
    }

    /// <summary>Length of prefix <paramref name="id"/>.</summary>
    public int LengthOf(int id) => _trie.Lengths[id];

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
        // Bounds checks elided: every index below was produced by the builder and is in range.
        uint d = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_trie.Direct), (nint)(high >> (64 - DirectBits)));
        ref PoptrieNode nodes = ref MemoryMarshal.GetArrayDataReference(_trie.Nodes);
        ref PoptrieNode node = ref Unsafe.Add(ref nodes, (nint)d);
        // A 128-bit shift register (hi:lo) with the next bits at the top of hi.
        ulong hi = (high << DirectBits) | (low >> (64 - DirectBits));
        ulong lo = low << DirectBits;
        int v = (int)(hi >> 58);
        while ((node.Vector & (1UL << v)) != 0)
        {
            node = ref Unsafe.Add(ref nodes, (nint)(node.Base1 + BitOperations.PopCount(node.Vector & (ulong.MaxValue >> (63 - v)))));
            hi = (hi << 6) | (lo >> 58);
            lo <<= 6;
            v = (int)(hi >> 58);
        }
        return Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_trie.Leaves),
            (nint)(node.Base0 + BitOperations.PopCount(node.Leafvec & (ulong.MaxValue >> (63 - v)))));
    }
}
