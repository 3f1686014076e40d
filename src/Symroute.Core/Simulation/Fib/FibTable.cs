using Symroute.Model;

namespace Symroute.Simulation.Fib;

/// <summary>
/// One routing table: a <see cref="PrefixMap{T}"/> from destination prefix to the group of entries
/// with that prefix, each group in the kernel's alias order (IPv4: tos descending, metric ascending,
/// insertion; IPv6: metric ascending, insertion).
/// </summary>
internal sealed class FibTable
{
    private PrefixMap<int>? _map;
    private FibEntry[][]? _groups;
    private readonly Func<(PrefixMap<int> Map, FibEntry[][] Groups)>? _build;
    private readonly object _lock = new();

    public FibTable(uint id, Family family, PrefixMap<int> map, FibEntry[][] groups, int entryCount)
    {
        Id = id;
        Family = family;
        _map = map;
        _groups = groups;
        EntryCount = entryCount;
    }

    /// <summary>A table indexed on first use (main beside the merged local/main trie: rarely consulted, a million routes on a full-table host).</summary>
    public FibTable(uint id, Family family, int entryCount, Func<(PrefixMap<int> Map, FibEntry[][] Groups)> build)
    {
        Id = id;
        Family = family;
        EntryCount = entryCount;
        _build = build;
    }

    public uint Id { get; }

    public Family Family { get; }

    public PrefixMap<int> Map => _map ?? Build().Map;

    public FibEntry[][] Groups => _groups ?? Build().Groups;

    public int EntryCount { get; }

    private (PrefixMap<int> Map, FibEntry[][] Groups) Build()
    {
        lock (_lock)
        {
            if (_map is null || _groups is null)
            {
                var (map, groups) = _build!();
                _groups = groups;
                _map = map;
            }
            return (_map, _groups);
        }
    }
}
