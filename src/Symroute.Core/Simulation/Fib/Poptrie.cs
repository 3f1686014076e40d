using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Symroute.Simulation.Fib;

/// <summary>
/// The arrays behind <see cref="Ipv4Lpm"/> and <see cref="Ipv6Lpm"/>, and their construction.
/// A direct-pointing array indexed by the first <c>directBits</c> address bits, then poptrie nodes
/// of 6 bits each. Every slot is leaf-pushed: it holds the id of the longest prefix covering it, so
/// a lookup reads one leaf and never backtracks. Ids are positions in the build input; the
/// per-id length and parent (the longest strictly shorter prefix containing it) give the
/// kernel's backtracking to shorter prefixes (fib_table_lookup's <c>backtrace</c>) without a
/// second walk.
/// </summary>
internal sealed class Poptrie
{
    /// <summary>While building, a direct entry with bit 31 set is a node index; otherwise leaf id + 1 (0 = no prefix).</summary>
    private const uint NodeFlag = 0x8000_0000;

    /// <summary>Node index for each value of the first <see cref="DirectBits"/> address bits.</summary>
    internal readonly uint[] Direct;
    internal readonly PoptrieNode[] Nodes;
    internal readonly int[] Leaves;
    internal readonly byte[] Lengths;
    internal readonly int[] Parents;
    internal readonly int DirectBits;

    private Poptrie(uint[] direct, PoptrieNode[] nodes, int[] leaves, byte[] lengths, int[] parents, int directBits)
    {
        Direct = direct;
        Nodes = nodes;
        Leaves = leaves;
        Lengths = lengths;
        Parents = parents;
        DirectBits = directBits;
    }

    /// <summary>Bytes held by the arrays (object headers excluded).</summary>
    internal long SizeInBytes =>
        (long)Direct.Length * sizeof(uint) + (long)Nodes.Length * Unsafe.SizeOf<PoptrieNode>() +
        (long)Leaves.Length * sizeof(int) + Lengths.Length + (long)Parents.Length * sizeof(int);

    /// <summary>From the longest match <paramref name="id"/>, the longest one no longer than <paramref name="maxLength"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int Backtrack(int id, int maxLength)
    {
        while (id >= 0 && Lengths[id] > maxLength)
            id = Parents[id];
        return id;
    }

    private readonly record struct Entry<TKey>(TKey Key, byte Length, int Id) : IComparable<Entry<TKey>>
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
    internal static Poptrie Build<TKey>(ReadOnlySpan<TKey> addresses, ReadOnlySpan<byte> lengths, int directBits, Func<TKey, int, string> format)
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
                throw new ArgumentException($"duplicate prefix {format(entries[i].Key, entries[i].Length)}");
        return new Builder<TKey>(entries, width, directBits).Build();
    }

    private static TKey Mask<TKey>(int length, int width) where TKey : unmanaged, IBinaryInteger<TKey>, IUnsignedNumber<TKey> =>
        length == 0 ? TKey.Zero : TKey.AllBitsSet << (width - length);

    private sealed class Builder<TKey>(Entry<TKey>[] entries, int width, int directBits)
        where TKey : unmanaged, IBinaryInteger<TKey>, IUnsignedNumber<TKey>
    {
        private PoptrieNode[] _nodes = new PoptrieNode[Math.Max(16, entries.Length / 4)];
        private int _nodeCount;
        private int[] _leaves = new int[Math.Max(64, entries.Length)];
        private int _leafCount;

        public Poptrie Build()
        {
            var lengths = new byte[entries.Length];
            var parents = new int[entries.Length];
            ComputeParents(lengths, parents);

            // Direct pointing: prefixes no longer than directBits fill their range; longer ones
            // make their slot a node. Containing prefixes come first in the sort, so later writes
            // are the longer matches.
            var direct = new uint[1 << directBits];
            var deep = new List<(int Slot, int First, int End)>();
            for (int i = 0; i < entries.Length; i++)
            {
                ref readonly var e = ref entries[i];
                int slot = int.CreateTruncating(e.Key >> (width - directBits));
                if (e.Length <= directBits)
                {
                    int n = 1 << (directBits - e.Length);
                    direct.AsSpan(slot, n).Fill((uint)e.Id + 1);
                }
                else if (deep.Count > 0 && deep[^1].Slot == slot)
                    deep[^1] = (slot, deep[^1].First, i + 1);
                else
                    deep.Add((slot, i, i + 1));
            }
            foreach (var (slot, first, end) in deep)
            {
                int inherited = (int)direct[slot] - 1;
                int node = AllocateNodes(1);
                direct[slot] = NodeFlag | (uint)node;
                BuildNode(node, directBits, first, end, inherited);
            }
            // Slots without a node get a one-leaf node shared by all slots with the same
            // answer, so every lookup takes the same path (direct, node, leaf): no mispredicted
            // branch stalls the next lookups' loads.
            var uniform = new Dictionary<uint, uint>();
            for (int slot = 0; slot < direct.Length; slot++)
            {
                uint d = direct[slot];
                if ((d & NodeFlag) != 0)
                {
                    direct[slot] = d & ~NodeFlag;
                    continue;
                }
                if (!uniform.TryGetValue(d, out uint node))
                {
                    node = (uint)AllocateNodes(1);
                    AddLeaf((int)d - 1);
                    _nodes[node] = new PoptrieNode(0, 1, _leafCount - 2, -1);
                    uniform[d] = node;
                }
                direct[slot] = node;
            }
            return new Poptrie(direct, _nodes[.._nodeCount], _leaves[.._leafCount], lengths, parents, directBits);
        }

        private void ComputeParents(byte[] lengths, int[] parents)
        {
            // Stack of the prefixes containing the current one, innermost on top.
            var stack = new int[width + 1];
            int depth = 0;
            for (int i = 0; i < entries.Length; i++)
            {
                ref readonly var e = ref entries[i];
                while (depth > 0)
                {
                    ref readonly var top = ref entries[stack[depth - 1]];
                    if ((e.Key & Mask<TKey>(top.Length, width)) == top.Key && top.Length < e.Length)
                        break;
                    depth--;
                }
                lengths[e.Id] = e.Length;
                parents[e.Id] = depth > 0 ? entries[stack[depth - 1]].Id : -1;
                stack[depth++] = i;
            }
        }

        private int AllocateNodes(int count)
        {
            if (_nodeCount + count > _nodes.Length)
                Array.Resize(ref _nodes, Math.Max(_nodes.Length * 2, _nodeCount + count));
            int first = _nodeCount;
            _nodeCount += count;
            return first;
        }

        private void AddLeaf(int id)
        {
            if (_leafCount == _leaves.Length)
                Array.Resize(ref _leaves, _leaves.Length * 2);
            _leaves[_leafCount++] = id;
        }

        /// <summary>The 6 bits at <paramref name="offset"/>, zero-padded past the address's end.</summary>
        private int Chunk(TKey key, int offset) =>
            offset + 6 <= width
                ? int.CreateTruncating((key >> (width - offset - 6)) & TKey.CreateTruncating(63))
                : int.CreateTruncating((key << (offset + 6 - width)) & TKey.CreateTruncating(63));

        /// <summary>
        /// Fills node <paramref name="node"/> at bit <paramref name="offset"/> from
        /// entries[first..end) (all longer than offset, all inside the node's range), with
        /// <paramref name="inherited"/> the id covering the whole node from above (-1 = none).
        /// </summary>
        private void BuildNode(int node, int offset, int first, int end, int inherited)
        {
            Span<int> slots = stackalloc int[64];
            Span<int> childFirst = stackalloc int[64];
            Span<int> childEnd = stackalloc int[64];
            slots.Fill(inherited);
            ulong vector = 0;
            for (int i = first; i < end; i++)
            {
                ref readonly var e = ref entries[i];
                int v = Chunk(e.Key, offset);
                if (e.Length <= offset + 6)
                    slots.Slice(v, 1 << (offset + 6 - e.Length)).Fill(e.Id);
                else
                {
                    if ((vector & (1UL << v)) == 0)
                    {
                        vector |= 1UL << v;
                        childFirst[v] = i;
                    }
                    childEnd[v] = i + 1;
                }
            }

            ulong leafvec = 0;
            int base0 = _leafCount;
            bool any = false;
            int previous = 0;
            for (int v = 0; v < 64; v++)
            {
                if ((vector & (1UL << v)) != 0)
                    continue;
                if (!any || slots[v] != previous)
                {
                    leafvec |= 1UL << v;
                    AddLeaf(slots[v]);
                    previous = slots[v];
                    any = true;
                }
            }

            int children = BitOperations.PopCount(vector);
            int base1 = children > 0 ? AllocateNodes(children) : _nodeCount;
            _nodes[node] = new PoptrieNode(vector, leafvec, base0 - 1, base1 - 1);
            int k = 0;
            for (ulong rest = vector; rest != 0; rest &= rest - 1)
            {
                int v = BitOperations.TrailingZeroCount(rest);
                BuildNode(base1 + k++, offset + 6, childFirst[v], childEnd[v], slots[v]);
            }
        }
    }
}
