using System.Buffers.Binary;
using System.Net;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Symroute.Model;

namespace Symroute.Simulation.Fib;

/// <summary>
/// Immutable IPv4 longest-prefix-match index: a <see cref="Poptrie"/> with 18 bits of direct
/// pointing, so a full Internet table answers most lookups from the direct array alone or from
/// one record after it. Prefix ids are ranks in (address, length) order;
/// <see cref="SourceIndexOf"/> maps them back to positions in the build input.
/// </summary>
public sealed class Ipv4Lpm
{
    private const int FullDirectBits = 18;

    private readonly int _directBits;

    private readonly Poptrie _trie;

    private Ipv4Lpm(Poptrie trie)
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
    /// addresses in host byte order (10.0.0.0 = 0x0A000000). Host bits are ignored; the same
    /// prefix twice throws <see cref="ArgumentException"/>.
    /// </summary>
    public static Ipv4Lpm Build(ReadOnlySpan<uint> addresses, ReadOnlySpan<byte> lengths) =>
        new(Poptrie.Build(addresses, lengths, DirectBitsFor(addresses.Length),
            static (a, l) => new IpPrefix(new IPAddress(BinaryPrimitives.ReverseEndianness(a)), l).ToString()));

    /// <summary>Length of prefix <paramref name="id"/>.</summary>
    public int LengthOf(int id) => _trie.Lengths[id];

    /// <summary>Position in the build input of prefix <paramref name="id"/>.</summary>
    public int SourceIndexOf(int id) => _trie.SourceIndexes[id];

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
        // Bounds checks elided: every offset below was written by the builder and is in range.
        // Direct answers walk the dummy record 0, so the path has no data-dependent branch
        // (mispredictions would stall the next lookups' loads).
        uint direct = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_trie.Direct), (nint)(address >> (32 - _directBits)));
        ref byte records = ref MemoryMarshal.GetArrayDataReference(_trie.Records);
        uint offset = direct & (uint)~((int)direct >> 31);
        ref byte record = ref Unsafe.Add(ref records, (nint)offset << 3);
        ulong vector = Unsafe.ReadUnaligned<ulong>(ref record);
        // The remaining bits at the top of a 64-bit register, zeros after the address.
        ulong rest = (ulong)address << (32 + _directBits);
        int v = (int)(rest >> 58);
        // Taken only below /24 on Internet tables.
        while ((vector & (1UL << v)) != 0)
        {
            nint at = Poptrie.HeaderSize + 4 * (BitOperations.PopCount(vector & (ulong.MaxValue >> (63 - v))) - 1);
            record = ref Unsafe.Add(ref records, (nint)Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref record, at)) << 3);
            vector = Unsafe.ReadUnaligned<ulong>(ref record);
            rest <<= 6;
            v = (int)(rest >> 58);
        }
        return _trie.Leaf(ref record, vector, v, direct);
    }
}
