using Symroute.Model;

namespace Symroute.Planning;

/// <summary>
/// Deterministic table ids: an uplink keeps the table symroute gave it before (found by its
/// <c>symroute-DEV</c> name, or by an owned source rule from one of its addresses); otherwise it gets
/// the lowest id from <see cref="FirstId"/> up that no route, rule or rt_tables name uses and no
/// other agent owns (<see cref="ReservedRanges"/>), in ifindex order.
/// </summary>
public static class TableAllocator
{
    public const uint FirstId = 1001;

    public static Dictionary<string, uint> Allocate(HostState host, IEnumerable<Uplink> uplinks, IReadOnlyDictionary<uint, string> ownedTables)
    {
        var used = new HashSet<uint>();
        foreach (var r in host.Routes) used.Add(r.Table);
        foreach (var r in host.Rules) if (r.Table is uint t) used.Add(t);
        foreach (var id in host.TableNames.Names.Keys) used.Add(id);

        var result = new Dictionary<string, uint>();
        var taken = new HashSet<uint>();
        var ordered = uplinks.OrderBy(u => u.Index).ToList();
        foreach (var u in ordered)
        {
            uint? id = ownedTables.FirstOrDefault(kv => kv.Value == u.Dev) is { Value: not null } kv ? kv.Key : null;
            id ??= host.Rules.FirstOrDefault(r => r.Protocol == Ownership.Protocol && r.Action == RuleAction.Lookup
                && r.From is { } f && u.Addresses.Any(a => f.Contains(a.Local)) && r.Table is not null)?.Table;
            if (id is uint found && !taken.Contains(found))
            {
                result[u.Dev] = found;
                taken.Add(found);
            }
        }
        uint next = FirstId;
        foreach (var u in ordered)
        {
            if (result.ContainsKey(u.Dev))
                continue;
            while (used.Contains(next) || taken.Contains(next) || ReservedRanges.IsReservedTable(next))
                next++;
            result[u.Dev] = next;
            taken.Add(next);
        }
        return result;
    }
}
