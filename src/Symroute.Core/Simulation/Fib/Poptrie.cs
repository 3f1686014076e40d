using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Symroute.Simulation.Fib;

/// <summary>
/// The arrays behind <see cref="Ipv4Lpm"/> and <see cref="Ipv6Lpm"/>, and their construction: a
/// poptrie (Asai and Ohara, "Poptrie: A Compressed Trie with Population Count for Fast and
/// Scalable Software IP Routing Table Lookup", SIGCOMM 2015) laid out for few cache and TLB misses.
/// <para>
/// A direct array is indexed by the first <see cref="DirectBits"/> address bits. Its entry is
/// either the answer (when no longer prefix starts inside the slot) or the offset of a record:
/// a node of 64 slots for the next 6 bits, with its child offsets and its leaves inline, so a
/// lookup ending in a node touches one record rather than a node array and a leaf array. Slots
/// are leaf-pushed (each holds the longest prefix covering it), so a lookup never backtracks.
/// </para>
/// <para>
/// Ids are ranks in (address, length) order. All prefixes longer than the direct bits inside one
/// direct slot have consecutive ranks, so leaves store a small code relative to the slot's first
/// rank (16 bits whenever every slot holds fewer than 65,535 of them, always true for IPv4 with
/// 18 direct bits), and code 0 for the prefix covering the whole slot from above.
/// The per-id length and parent (the longest strictly shorter prefix containing it) give the
/// kernel's backtracking to shorter prefixes (fib_table_lookup's <c>backtrace</c>, fib6_backtrack)
/// without a second walk.
/// </para>
/// </summary>
/// <remarks>
/// Record layout, 8-byte aligned, addressed in 8-byte units:
/// <code>
///  0  ulong vector      bit v set: slot v continues in a child record
///  8  ulong leafvec     bit v set: a run of equal leaves starts at slot v (child slots skipped)
/// 16  int   idBase      id of leaf code 1 (code c is id idBase + c - 1)
/// 20  int   inherited   id of leaf code 0 (-1: none)
/// 24  uint  child[popcount(vector)]      record offsets
///  …  ushort or uint leaf[popcount(leafvec)]
/// </code>
/// Record 0 is a dummy (no children, one leaf 0) that direct answers walk without branching.
/// <para>
/// With <c>leafOnlyRegions</c> (IPv4 full tables), a direct slot whose prefixes all end within the
/// next 6 bits (an IPv4 /18 holding /19-/24s: almost every region of an Internet table) gets a
/// leaf-only record instead, flagged <see cref="LeafOnlyFlag"/> in its direct entry: no vector to
/// test, one-byte leaf codes (such a region holds at most 126 prefixes), so a lookup is the direct
/// entry, the record's first 16 bytes and one code byte, with fewer instructions (lookups of a batch
/// overlap in the CPU; their instruction count, more than the cache misses, bounds the rate):
/// <code>
///  0  int   idBase - 1   id of leaf code c > 0 is this + c
///  4  int   inherited    id of leaf code 0 (-1: none)
///  8  ulong leafvec
/// 16  byte  leaf[popcount(leafvec)]
/// </code>
/// </para>
/// </remarks>
internal sealed class Poptrie
{
    /// <summary>Direct entry bit 31: the low bits are the answer id + 1 (0 = no prefix) instead of a record offset.</summary>
    internal const uint AnswerFlag = 0x8000_0000;

    /// <summary>Direct entry bit 30 (bit 31 clear): the low 30 bits are the offset of a leaf-only record.</summary>
    internal const uint LeafOnlyFlag = 0x4000_0000;

    internal const int LeafOnlyHeaderSize = 16;

    internal const int HeaderSize = 24;

    internal readonly uint[] Direct;
    internal readonly byte[] Records;
    /// <summary>Prefix length by id.</summary>
    internal readonly byte[] Lengths;
    /// <summary>Longest strictly shorter prefix containing the id's prefix, by id (-1: none).</summary>
    internal readonly int[] Parents;
    /// <summary>Position in the build input, by id.</summary>
    internal readonly int[] SourceIndexes;
    internal readonly int DirectBits;
    /// <summary>Leaf code size in bytes: 2 or 4.</summary>
    internal readonly int LeafSize;
    /// <summary>Whether regions without prefixes longer than DirectBits + 6 have leaf-only records.</summary>
    internal readonly bool LeafOnlyRegions;

    private Poptrie(uint[] direct, byte[] records, byte[] lengths, int[] parents, int[] sourceIndexes, int directBits, int leafSize, bool leafOnlyRegions)
    {
        LeafOnlyRegions = leafOnlyRegions;
        Direct = direct;
        Records = records;
        Lengths = lengths;
        Parents = parents;
        SourceIndexes = sourceIndexes;
        DirectBits = directBits;
        LeafSize = leafSize;
    }

    /// <summary>Bytes held by the arrays (object headers excluded).</summary>
    internal long SizeInBytes =>
        (long)Direct.Length * sizeof(uint) + Records.Length + Lengths.Length +
        (long)Parents.Length * sizeof(int) + (long)SourceIndexes.Length * sizeof(int);

    /// <summary>From the longest match <paramref name="id"/>, the longest one no longer than <paramref name="maxLength"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int Backtrack(int id, int maxLength)
    {
        while (id >= 0 && Lengths[id] > maxLength)
            id = Parents[id];
        return id;
    }

    /// <summary>
    /// The answer once the walk stopped in the record at byte offset <paramref name="record"/> on
    /// slot <paramref name="v"/>, blended with a direct answer (<paramref name="direct"/> with
    /// <see cref="AnswerFlag"/>) without a branch.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int Leaf(ref byte record, ulong vector, int v, uint direct)
    {
        ulong leafvec = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref record, 8));
        nint at = HeaderSize + 4 * BitOperations.PopCount(vector) +
                  LeafSize * (BitOperations.PopCount(leafvec & (ulong.MaxValue >> (63 - v))) - 1);
        int code = LeafSize == 2
            ? Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref record, at))
            : (int)Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref record, at));
        int idBase = Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref record, 16));
        int inherited = Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref record, 20));
        int isInherited = (code - 1) >> 31;
        int walked = ((idBase + code - 1) & ~isInherited) | (inherited & isInherited);
        int isAnswer = (int)direct >> 31;
        return (walked & ~isAnswer) | (((int)(direct & ~AnswerFlag) - 1) & isAnswer);
    }

    private readonly record struct Entry<TKey>(TKey Key, byte Length, int Source) : IComparable<Entry<TKey>>
        where TKey : unmanaged, IBinaryInteger<TKey>, IUnsignedNumber<TKey>
    {
        // Address then length: a prefix sorts before every prefix it contains.
        public int CompareTo(Entry<TKey> other)
        {
            int c = Key.CompareTo(other.Key);
            return c != 0 ? c : Length.CompareTo(other.Length);
        }
    }

    /// <summary>
    /// Builds the structure. Host bits beyond each length are ignored. Throws
    /// <see cref="ArgumentException"/> when two inputs name the same prefix (after masking).
    /// </summary>
    internal static Poptrie Build<TKey>(ReadOnlySpan<TKey> addresses, ReadOnlySpan<byte> lengths, int directBits, bool leafOnlyRegions, Func<TKey, int, string> format)
        where TKey : unmanaged, IBinaryInteger<TKey>, IUnsignedNumber<TKey>
    {
        if (addresses.Length != lengths.Length)
            throw new ArgumentException("addresses and lengths differ in count");
        int width = Unsafe.SizeOf<TKey>() * 8;
        var entries = new Entry<TKey>[addresses.Length];
        bool sorted = true;
        for (int i = 0; i < entries.Length; i++)
        {
            int len = lengths[i];
            if (len > width)
                throw new ArgumentException($"prefix length {len} exceeds {width}");
            entries[i] = new Entry<TKey>(addresses[i] & Mask<TKey>(len, width), (byte)len, i);
            if (sorted && i > 0 && entries[i - 1].CompareTo(entries[i]) > 0)
                sorted = false;
        }
        // Kernel dumps and most snapshots are already in trie order.
        if (!sorted)
            Array.Sort(entries);
        for (int i = 1; i < entries.Length; i++)
            if (entries[i].Key == entries[i - 1].Key && entries[i].Length == entries[i - 1].Length)
                throw new ArgumentException($"prefix {format(entries[i].Key, entries[i].Length)} given twice");
        return new Builder<TKey>(entries, width, directBits, leafOnlyRegions).Build();
    }

    private static TKey Mask<TKey>(int length, int width) where TKey : unmanaged, IBinaryInteger<TKey>, IUnsignedNumber<TKey> =>
        length == 0 ? TKey.Zero : TKey.AllBitsSet << (width - length);

    private sealed class Builder<TKey>(Entry<TKey>[] entries, int width, int directBits, bool leafOnlyRegions)
        where TKey : unmanaged, IBinaryInteger<TKey>, IUnsignedNumber<TKey>
    {
        private byte[] _records = new byte[Math.Max(64, entries.Length * 8)];
        private int _size;
        private int _leafSize;

        public Poptrie Build()
        {
            var lengths = new byte[entries.Length];
            var parents = new int[entries.Length];
            var sources = new int[entries.Length];
            ComputeParents(lengths, parents, sources);

            // Direct pointing: prefixes no longer than directBits fill their range; longer ones
            // make their slot a region with a record. Containing prefixes come first in the sort,
            // so later writes are the longer matches.
            var direct = new uint[1 << directBits];
            direct.AsSpan().Fill(AnswerFlag);
            var regions = new List<(int Slot, int First, int End)>();
            for (int id = 0; id < entries.Length; id++)
            {
                ref readonly var e = ref entries[id];
                int slot = int.CreateTruncating(e.Key >> (width - directBits));
                if (e.Length <= directBits)
                    direct.AsSpan(slot, 1 << (directBits - e.Length)).Fill(AnswerFlag | (uint)(id + 1));
                else if (regions.Count > 0 && regions[^1].Slot == slot)
                    regions[^1] = (slot, regions[^1].First, id + 1);
                else
                    regions.Add((slot, id, id + 1));
            }

            int largest = 0;
            foreach (var (_, first, end) in regions)
                largest = Math.Max(largest, end - first);
            _leafSize = largest < ushort.MaxValue ? 2 : 4;

            // Record 0: the dummy walked by direct answers.
            int dummy = Allocate(HeaderSize + _leafSize);
            Write(dummy + 8, 1UL);
            Write(dummy + 20, -1);

            foreach (var (slot, first, end) in regions)
            {
                int inherited = (int)(direct[slot] & ~AnswerFlag) - 1;
                // Offsets are in 8-byte units of a byte array (< 2^31 bytes): below 2^28, clear of both flags.
                direct[slot] = leafOnlyRegions && LeafOnly(first, end)
                    ? LeafOnlyFlag | BuildLeafOnlyRecord(first, end, inherited)
                    : BuildRecord(directBits, first, end, inherited, first, inherited);
            }
            return new Poptrie(direct, _records[.._size], lengths, parents, sources, directBits, _leafSize, leafOnlyRegions);
        }

        private void ComputeParents(byte[] lengths, int[] parents, int[] sources)
        {
            // Stack of the prefixes containing the current one, innermost on top.
            var stack = new int[width + 1];
            int depth = 0;
            for (int id = 0; id < entries.Length; id++)
            {
                ref readonly var e = ref entries[id];
                while (depth > 0)
                {
                    ref readonly var top = ref entries[stack[depth - 1]];
                    if ((e.Key & Mask<TKey>(top.Length, width)) == top.Key && top.Length < e.Length)
                        break;
                    depth--;
                }
                lengths[id] = e.Length;
                sources[id] = e.Source;
                parents[id] = depth > 0 ? stack[depth - 1] : -1;
                stack[depth++] = id;
            }
        }

        private bool LeafOnly(int first, int end)
        {
            for (int id = first; id < end; id++)
                if (entries[id].Length > directBits + 6)
                    return false;
            return true;
        }

        /// <summary>
        /// Writes the leaf-only record of a direct slot whose prefixes entries[first..end) all end
        /// within the next 6 bits; returns its offset in 8-byte units.
        /// </summary>
        private uint BuildLeafOnlyRecord(int first, int end, int inherited)
        {
            Span<int> slots = stackalloc int[64];
            slots.Fill(inherited);
            for (int id = first; id < end; id++)
            {
                ref readonly var e = ref entries[id];
                slots.Slice(Chunk(e.Key, directBits), 1 << (directBits + 6 - e.Length)).Fill(id);
            }
            ulong leafvec = 1;
            for (int v = 1; v < 64; v++)
                if (slots[v] != slots[v - 1])
                    leafvec |= 1UL << v;
            int record = Allocate(LeafOnlyHeaderSize + BitOperations.PopCount(leafvec));
            Write(record, first - 1);
            Write(record + 4, inherited);
            Write(record + 8, leafvec);
            int at = record + LeafOnlyHeaderSize;
            for (ulong rest = leafvec; rest != 0; rest &= rest - 1)
            {
                int id = slots[BitOperations.TrailingZeroCount(rest)];
                // At most 2^7 - 2 prefixes of lengths directBits+1..directBits+6 per slot: codes fit a byte.
                _records[at++] = (byte)(id == inherited ? 0 : id - first + 1);
            }
            return (uint)(record >> 3);
        }

        /// <summary>Reserves <paramref name="bytes"/> rounded up to 8; returns the byte offset.</summary>
        private int Allocate(int bytes)
        {
            bytes = (bytes + 7) & ~7;
            if (_size + bytes > _records.Length)
                Array.Resize(ref _records, Math.Max(_records.Length * 2, _size + bytes));
            int at = _size;
            _size += bytes;
            return at;
        }

        private void Write<T>(int at, T value) where T : unmanaged =>
            Unsafe.WriteUnaligned(ref _records[at], value);

        /// <summary>The 6 bits at <paramref name="offset"/>, zero-padded past the address's end.</summary>
        private int Chunk(TKey key, int offset) =>
            offset + 6 <= width
                ? int.CreateTruncating((key >> (width - offset - 6)) & TKey.CreateTruncating(63))
                : int.CreateTruncating((key << (offset + 6 - width)) & TKey.CreateTruncating(63));

        /// <summary>
        /// Writes the record for bit <paramref name="offset"/> from entries[first..end) (all
        /// longer than offset, all inside the record's range), <paramref name="inherited"/> being
        /// the id covering the whole record from above (-1: none); returns its offset in 8-byte units.
        /// Ids in the direct slot's region are coded relative to <paramref name="regionFirst"/>,
        /// and <paramref name="regionInherited"/> is code 0.
        /// </summary>
        private uint BuildRecord(int offset, int first, int end, int inherited, int regionFirst, int regionInherited)
        {
            Span<int> slots = stackalloc int[64];
            Span<int> childFirst = stackalloc int[64];
            Span<int> childEnd = stackalloc int[64];
            slots.Fill(inherited);
            ulong vector = 0;
            for (int id = first; id < end; id++)
            {
                ref readonly var e = ref entries[id];
                int v = Chunk(e.Key, offset);
                if (e.Length <= offset + 6)
                    slots.Slice(v, 1 << (offset + 6 - e.Length)).Fill(id);
                else
                {
                    if ((vector & (1UL << v)) == 0)
                    {
                        vector |= 1UL << v;
                        childFirst[v] = id;
                    }
                    childEnd[v] = id + 1;
                }
            }

            ulong leafvec = 0;
            Span<int> leaves = stackalloc int[64];
            int leafCount = 0;
            for (int v = 0; v < 64; v++)
            {
                if ((vector & (1UL << v)) != 0)
                    continue;
                if (leafCount == 0 || slots[v] != leaves[leafCount - 1])
                {
                    leafvec |= 1UL << v;
                    leaves[leafCount++] = slots[v];
                }
            }

            int children = BitOperations.PopCount(vector);
            int record = Allocate(HeaderSize + 4 * children + _leafSize * leafCount);
            Write(record, vector);
            Write(record + 8, leafvec);
            Write(record + 16, regionFirst);
            Write(record + 20, regionInherited);
            int leafAt = record + HeaderSize + 4 * children;
            for (int i = 0; i < leafCount; i++)
            {
                int code = leaves[i] == regionInherited ? 0 : leaves[i] - regionFirst + 1;
                if (_leafSize == 2)
                    Write(leafAt + 2 * i, (ushort)code);
                else
                    Write(leafAt + 4 * i, code);
            }
            int k = 0;
            for (ulong rest = vector; rest != 0; rest &= rest - 1)
            {
                int v = BitOperations.TrailingZeroCount(rest);
                uint child = BuildRecord(offset + 6, childFirst[v], childEnd[v], slots[v], regionFirst, regionInherited);
                Write(record + HeaderSize + 4 * k++, child);
            }
            return (uint)(record >> 3);
        }
    }
}
