namespace Symroute.Planning;

/// <summary>
/// Connection tracking for one uplink: new connections arriving on <see cref="Dev"/> get
/// <see cref="Mark"/> in their conntrack mark (within <see cref="Ownership.MarkMask"/>); every packet
/// of the connection gets it back as its packet mark, and a <c>fwmark</c> rule sends it to
/// <see cref="Table"/>. nftables state is not part of the host model, so these are always Add.
/// </summary>
public sealed record PlannedConnmark(string Dev, uint Mark, uint Mask, uint Table, string Reason);
