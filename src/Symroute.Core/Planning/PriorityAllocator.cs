using Symroute.Model;

namespace Symroute.Planning;

/// <summary>
/// Deterministic rule priorities. symroute's rules live in one block of 1000 priorities:
/// <c>B</c> main-first, <c>B+100…</c> connmark <c>fwmark</c> rules, <c>B+200…</c> source rules,
/// <c>B+700…</c> VIP source rules. B is the block already holding symroute's rules, else the
/// first of 1000, 2000, … 29000 where no other rule sits, so the block is well before the
/// priorities the kernel assigns to rules added without one (32765 downward, where wg-quick's
/// rules land) and below SUSE's 30000 range. Within a range, a rule keeps the priority it already
/// has; new rules take the lowest priority no rule of the family uses.
/// </summary>
public sealed class PriorityAllocator
{
    public const uint BlockSize = 1000;
    private readonly HashSet<(Family, uint)> _used = [];

    public uint Base { get; }

    public PriorityAllocator(HostState host, IReadOnlyDictionary<uint, string> ownedTables)
    {
        foreach (var r in host.Rules)
            _used.Add((r.Family, r.Priority));
        var owned = host.Rules.Where(r => Ownership.IsOwned(r, ownedTables) && r.Priority >= BlockSize).Select(r => r.Priority).ToList();
        if (owned.Count > 0)
        {
            Base = owned.Min() / BlockSize * BlockSize;
            return;
        }
        var foreign = host.Rules.Where(r => !Ownership.IsOwned(r, ownedTables)).Select(r => r.Priority).ToList();
        for (uint b = BlockSize; b < 30000; b += BlockSize)
        {
            if (!foreign.Any(p => p >= b && p < b + BlockSize))
            {
                Base = b;
                return;
            }
        }
        Base = BlockSize;
    }

    public static uint Offset(RulePurpose purpose) => purpose switch
    {
        RulePurpose.MainFirst => 0,
        RulePurpose.Connmark => 100,
        RulePurpose.Source => 200,
        RulePurpose.Vip => 700,
        _ => throw new ArgumentOutOfRangeException(nameof(purpose)),
    };

    public static uint RangeSize(RulePurpose purpose) => purpose switch
    {
        RulePurpose.MainFirst => 100,
        RulePurpose.Connmark => 100,
        RulePurpose.Source => 500,
        _ => 300,
    };

    /// <summary>Whether <paramref name="priority"/> lies in the range of <paramref name="purpose"/>.</summary>
    public bool InRange(RulePurpose purpose, uint priority) =>
        priority >= Base + Offset(purpose) && priority < Base + Offset(purpose) + RangeSize(purpose);

    /// <summary>Marks a priority as taken (an existing rule kept).</summary>
    public void Take(Family family, uint priority) => _used.Add((family, priority));

    /// <summary>The lowest free priority of the purpose's range.</summary>
    public uint Next(Family family, RulePurpose purpose)
    {
        uint first = Base + Offset(purpose);
        for (uint p = first; p < first + RangeSize(purpose); p++)
        {
            if (_used.Add((family, p)))
                return p;
        }
        throw new InvalidOperationException($"symroute's priority range {first}-{first + RangeSize(purpose) - 1} is full");
    }
}
