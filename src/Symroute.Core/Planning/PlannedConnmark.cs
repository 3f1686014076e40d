namespace Symroute.Planning;

/// <summary>
/// Connection tracking for one uplink: new connections arriving on <see cref="Dev"/> get
/// <see cref="Mark"/> in their conntrack mark (within <see cref="Ownership.MarkMask"/>); every packet
/// of the connection gets it back as its packet mark, and a <c>fwmark</c> rule sends it to
/// <see cref="Table"/>. <see cref="Change"/> is Keep when the host's firewall, as read, already
/// holds symroute's rules for this uplink and mark (<c>table inet symroute</c>: the new-connection
/// mark on <see cref="Dev"/> and its restore in prerouting and output); Add otherwise, also when
/// the firewall was not read.
/// </summary>
public sealed record PlannedConnmark(string Dev, uint Mark, uint Mask, uint Table, string Reason, ChangeKind Change = ChangeKind.Add);
