using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using Symroute.Model;

namespace Symroute.Simulation.Fib;

/// <summary>
/// A large table answered without an index: its destination prefixes as flat arrays, searched by a
/// linear scan with the trie's selection (the longest prefix, no longer than the limit, containing
/// the address), and the group of entries of the matched prefix built on demand. A host carrying a
/// full Internet table answers a handful of questions (<c>check</c>, one <c>route get</c>) in
/// milliseconds this way, where indexing a million routes takes most of a second.
/// </summary>
internal sealed class FibScan
{
    private readonly Family _family;
    private readonly uint[]? _keys4;
    private readonly UInt128[]? _keys6;
    private readonly byte[] _lengths;
    private readonly Func<int[], FibEntry[]> _group;
    private readonly Dictionary<(UInt128, int), FibEntry[]> _groups = [];

    /// <param name="family">The table's family.</param>
    /// <param name="keys4">IPv4: each route's destination, masked to its length (null for IPv6).</param>
    /// <param name="keys6">IPv6: each route's destination, masked to its length (null for IPv4).</param>
    /// <param name="lengths">Each route's prefix length.</param>
    /// <param name="group">Builds the group of the routes at these positions (in list order), in the kernel's alias order.</param>
    public FibScan(Family family, uint[]? keys4, UInt128[]? keys6, byte[] lengths, Func<int[], FibEntry[]> group)
    {
        _family = family;
        _keys4 = keys4;
        _keys6 = keys6;
        _lengths = lengths;
        _group = group;
    }

    public int Count => _lengths.Length;

    /// <summary>As <see cref="PrefixMap{T}.TryMatch(uint, int, out int, out T)"/>, the group instead of its index.</summary>
    public bool TryMatch(uint dst, int maxLength, out int length, [NotNullWhen(true)] out FibEntry[]? group)
    {
        var keys = _keys4!;
        var lengths = _lengths;
        int best = -1;
        for (int i = 0; i < keys.Length; i++)
        {
            int l = lengths[i];
            // The first l bits agree: dst ^ key has at least l leading zeros (lzcnt(0) = 32).
            if (l > best && l <= maxLength && BitOperations.LeadingZeroCount(dst ^ keys[i]) >= l)
                best = l;
        }
        length = Math.Max(best, 0);
        group = best < 0 ? null : Group(dst & AddressBits.Mask4(best), best);
        return group is not null;
    }

    /// <summary>As <see cref="PrefixMap{T}.TryMatch(UInt128, int, out int, out T)"/>, the group instead of its index.</summary>
    public bool TryMatch(UInt128 dst, int maxLength, out int length, [NotNullWhen(true)] out FibEntry[]? group)
    {
        if (_family == Family.Inet)
            return TryMatch((uint)dst, maxLength, out length, out group);
        var keys = _keys6!;
        var lengths = _lengths;
        int best = -1;
        for (int i = 0; i < keys.Length; i++)
        {
            int l = lengths[i];
            if (l > best && l <= maxLength && UInt128.LeadingZeroCount(dst ^ keys[i]) >= (UInt128)l)
                best = l;
        }
        length = Math.Max(best, 0);
        group = best < 0 ? null : Group(dst & AddressBits.Mask6(best), best);
        return group is not null;
    }

    private FibEntry[] Group(UInt128 key, int length)
    {
        lock (_groups)
        {
            if (_groups.TryGetValue((key, length), out var cached))
                return cached;
            var positions = new List<int>();
            for (int i = 0; i < _lengths.Length; i++)
                if (_lengths[i] == length && (_family == Family.Inet ? _keys4![i] == (uint)key : _keys6![i] == key))
                    positions.Add(i);
            var group = _group([.. positions]);
            _groups[(key, length)] = group;
            return group;
        }
    }
}
