namespace Symroute.Planning;

/// <summary>A sysctl the plan sets, e.g. <c>net.ipv4.conf.eth1.arp_ignore = 1</c>.</summary>
/// <param name="Key">Dotted name as in sysctl.d (<c>net.ipv4.conf.eth1.arp_ignore</c>).</param>
/// <param name="Current">The value the host has now, if known.</param>
/// <param name="Warning">Printed next to it wherever it is rendered (the loose rp_filter stop-gap carries one).</param>
public sealed record PlannedSysctl(string Key, int Value, int? Current, ChangeKind Change, string Reason, string? Warning = null);
