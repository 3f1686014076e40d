using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Symroute.Model;

namespace Symroute.Simulation.Fib;

/// <summary>
/// One routing table: a <see cref="PrefixMap{T}"/> from destination prefix to the group of entries
/// with that prefix, each group in the kernel's alias order (IPv4: tos descending, metric ascending,
/// insertion; IPv6: metric ascending, insertion).
/// </summary>
internal sealed class FibTable
{
    // The map's values are the groups themselves, not indexes into an array of groups: on a full
    // table every lookup is a chain of cache misses, and an index would add one to it.
    private PrefixMap<FibEntry[]>? _map;
    private readonly Func<PrefixMap<FibEntry[]>>? _build;
    private readonly FibScan? _scan;
    private int _scans;
    private readonly object _lock = new();

    public FibTable(uint id, Family family, PrefixMap<FibEntry[]> map)
    {
        Id = id;
        Family = family;
        _map = map;
    }

    /// <summary>A table indexed on first use (main beside the merged local/main trie: rarely consulted, a million routes on a full-table host).</summary>
    public FibTable(uint id, Family family, Func<PrefixMap<FibEntry[]>> build)
    {
        Id = id;
        Family = family;
        _build = build;
    }

    /// <summary>
    /// A large table answered by <paramref name="scan"/> for its first <see cref="ScansBeforeIndex"/>
    /// lookups, then indexed by <paramref name="build"/>: a few questions cost a few scans, many
    /// questions the index they pay for.
    /// </summary>
    public FibTable(uint id, Family family, FibScan scan, Func<PrefixMap<FibEntry[]>> build)
        : this(id, family, build)
    {
        _scan = scan;
    }

    /// <summary>Lookups a scanned table answers by scanning before it builds its index (a scan of a million routes costs about a thousandth of the build).</summary>
    public const int ScansBeforeIndex = 64;

    public uint Id { get; }

    public Family Family { get; }

    /// <summary>The longest prefix of length ≤ <paramref name="maxLength"/> containing <paramref name="dst"/>, and its entries in alias order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryMatch(uint dst, int maxLength, out int length, [NotNullWhen(true)] out FibEntry[]? group)
    {
        var map = Volatile.Read(ref _map);
        if (map is null)
            return TryMatchUnindexed(dst, maxLength, out length, out group);
        return map.TryMatch(dst, maxLength, out length, out group);
    }

    /// <summary>The IPv6 form of <see cref="TryMatch(uint, int, out int, out FibEntry[])"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryMatch(UInt128 dst, int maxLength, out int length, [NotNullWhen(true)] out FibEntry[]? group)
    {
        var map = Volatile.Read(ref _map);
        if (map is null)
            return TryMatchUnindexed(dst, maxLength, out length, out group);
        return map.TryMatch(dst, maxLength, out length, out group);
    }

    private bool TryMatchUnindexed(UInt128 dst, int maxLength, out int length, [NotNullWhen(true)] out FibEntry[]? group)
    {
        if (_scan is not null && Interlocked.Increment(ref _scans) <= ScansBeforeIndex)
            return _scan.TryMatch(dst, maxLength, out length, out group);
        var map = Build();
        return Family == Family.Inet
            ? map.TryMatch((uint)dst, maxLength, out length, out group)
            : map.TryMatch(dst, maxLength, out length, out group);
    }

    private PrefixMap<FibEntry[]> Build()
    {
        lock (_lock)
        {
            if (_map is null)
                Volatile.Write(ref _map, _build!());
            return _map;
        }
    }
}
