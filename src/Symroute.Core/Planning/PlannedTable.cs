namespace Symroute.Planning;

/// <summary>A routing table symroute uses for one interface, named in <c>rt_tables.d/symroute.conf</c>.</summary>
/// <param name="Id">Table id (the same number for IPv4 and IPv6).</param>
/// <param name="Name">Name written to rt_tables.d (<c>symroute-eth1</c>).</param>
/// <param name="Dev">The interface whose replies it routes.</param>
/// <param name="Change">Add when the name is not yet known to the host, Keep when it is, Remove when the interface is gone.</param>
public sealed record PlannedTable(uint Id, string Name, string Dev, ChangeKind Change, string Reason);
