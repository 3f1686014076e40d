using System.Net;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Symroute.Simulation.Fib;

/// <summary>
/// Immutable IPv4 longest-prefix-match index: a poptrie with 18 bits of direct pointing (a full
/// Internet table resolves most lookups in three memory reads). Answers with prefix ids, the
/// positions of the prefixes in the build input.
/// </summary>
public sealed class Ipv4Lpm
{
    private const int DirectBits = 18;

    private readonly Poptrie _trie;

    internal Poptrie Trie => _trie;

    private Ipv4Lpm(Poptrie trie) => _trie = trie;

    /// <summary>Number of prefixes.</summary>
    public int Count => _trie.Lengths.Length;

    /// <summary>Bytes held by the structure's arrays.</summary>
    public long SizeInBytes => _trie.SizeInBytes;

    /// <summary>
    /// Indexes prefix i = (<paramref name="addresses"/>[i], <paramref name="lengths"/>[i]),
    /// addresses in host byte order (10.0.0.0 = 0x0A000000). Host bits are ignored; the same
    /// prefix twice throws <see cref="ArgumentException"/>.
    /// </summary>
    public static Ipv4Lpm Build(ReadOnlySpan<uint> addresses, ReadOnlySpan<byte> lengths) =>
        new(Poptrie.Build(addresses, lengths, DirectBits, static (a, l) => $"{new IPAddress(ReverseBytes(a))}/{l}"));

    private static long ReverseBytes(uint a) => System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(a);

    /// <summary>Length of prefix <paramref name="id"/>.</summary>
    public int LengthOf(int id) => _trie.Lengths[id];

    /// <summary>The longest prefix containing <paramref name="address"/>.</summary>
    public bool TryMatch(uint address, out int id)
    {
        id = Find(address);
        return id >= 0;
    }

    /// <summary>
    /// The longest prefix containing <paramref name="address"/> whose length is at most
    /// <paramref name="maxLength"/>: the kernel's backtracking when no alias of a longer match survives.
    /// </summary>
    public bool TryMatch(uint address, int maxLength, out int id)
    {
        id = Find(address);
        if (maxLength < 32)
            id = _trie.Backtrack(id, maxLength);
        return id >= 0;
    }

    /// <summary>Id of the longest prefix containing <paramref name="address"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int Find(uint address)
    {
        // Bounds checks elided: every index below was produced by the builder and is in range.
        uint d = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_trie.Direct), (nint)(address >> (32 - DirectBits)));
        ref PoptrieNode nodes = ref MemoryMarshal.GetArrayDataReference(_trie.Nodes);
        ref PoptrieNode node = ref Unsafe.Add(ref nodes, (nint)d);
        // The remaining bits at the top of a 64-bit register, zeros after the address.
        ulong rest = (ulong)address << (32 + DirectBits);
        int v = (int)(rest >> 58);
        while ((node.Vector & (1UL << v)) != 0)
        {
            node = ref Unsafe.Add(ref nodes, (nint)(node.Base1 + BitOperations.PopCount(node.Vector & (ulong.MaxValue >> (63 - v)))));
            rest <<= 6;
            v = (int)(rest >> 58);
        }
        return Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_trie.Leaves),
            (nint)(node.Base0 + BitOperations.PopCount(node.Leafvec & (ulong.MaxValue >> (63 - v)))));
    }
}
