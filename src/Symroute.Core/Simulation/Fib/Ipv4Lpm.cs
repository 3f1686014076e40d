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
/// one leaf-only record after it (the /19-/24s of an /18). Prefix ids are ranks in (address, length) order;
/// <see cref="SourceIndexOf"/> maps them back to positions in the build input.
/// </summary>
public sealed class Ipv4Lpm
{
    internal const int FullDirectBits = 18;

    private readonly int _directBits;

    private readonly bool _leafOnlyRegions;

    private readonly Poptrie _trie;

    private Ipv4Lpm(Poptrie trie)
    {
        _trie = trie;
        _directBits = trie.DirectBits;
        _leafOnlyRegions = trie.LeafOnlyRegions;
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
        Build(addresses, lengths, DirectBitsFor(addresses.Length));

    /// <summary>
    /// <see cref="Build(ReadOnlySpan{uint}, ReadOnlySpan{byte})"/> with the given direct bits; the
    /// full-table layout (<see cref="FullDirectBits"/>, with leaf-only records) for any size, so
    /// tests check it on small adversarial sets.
    /// </summary>
    internal static Ipv4Lpm Build(ReadOnlySpan<uint> addresses, ReadOnlySpan<byte> lengths, int directBits) =>
        new(Poptrie.Build(addresses, lengths, directBits, directBits == FullDirectBits,
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
        uint direct = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_trie.Direct), (nint)(address >> (32 - _directBits)));
        // Small tables (a per-table constant) and the few regions holding prefixes longer than
        // directBits + 6 (/24 in a full table) walk the general records.
        if (!_leafOnlyRegions || (direct & (Poptrie.AnswerFlag | Poptrie.LeafOnlyFlag)) == 0)
            return Walk(address, direct);
        // A leaf-only record, or a direct answer that reads the dummy record 0 and is blended in
        // at the end: no data-dependent branch, since a misprediction would stall the lookups
        // that follow in a batch.
        int isAnswer = (int)direct >> 31;
        ref byte record = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_trie.Records),
            (nint)(direct & (uint)~isAnswer & ~Poptrie.LeafOnlyFlag) << 3);
        int v = (int)((address << _directBits) >> 26);
        ulong leafvec = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref record, 8));
        int code = Unsafe.Add(ref record, Poptrie.LeafOnlyHeaderSize - 1 + BitOperations.PopCount(leafvec & (ulong.MaxValue >> (63 - v))));
        // Code 0 reads the inherited id at 4, code c > 0 adds c to idBase - 1 at 0.
        int walked = Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref record, (nint)((uint)(code - 1) >> 31 << 2))) + code;
        return (walked & ~isAnswer) | (((int)(direct & ~Poptrie.AnswerFlag) - 1) & isAnswer);
    }

    /// <summary>The general walk from the direct entry <paramref name="direct"/> of <paramref name="address"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Walk(uint address, uint direct)
    {
        // Direct answers walk the dummy record 0, so the path has no data-dependent branch.
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
