namespace Symroute.Sources;

/// <summary>One <c>ID NAME</c> line of an iproute2 rt_tables file, with its line number.</summary>
public readonly record struct RtTablesEntry(uint Id, string Name, int Line);
