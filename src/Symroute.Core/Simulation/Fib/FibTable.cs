using Symroute.Model;

namespace Symroute.Simulation.Fib;

/// <summary>
/// One routing table: a <see cref="PrefixMap{T}"/> from destination prefix to the group of entries
/// with that prefix, each group in the kernel's alias order (IPv4: tos descending, metric ascending,
/// insertion; IPv6: metric ascending, insertion).
/// </summary>
internal sealed class FibTable
{
    public FibTable(uint id, Family family, PrefixMap<int> map, FibEntry[][] groups, int entryCount)
    {
        Id = id;
        Family = family;
        Map = map;
        Groups = groups;
        EntryCount = entryCount;
    }

    public uint Id { get; }

    public Family Family { get; }

    public PrefixMap<int> Map { get; }

    public FibEntry[][] Groups { get; }

    public int EntryCount { get; }
}
