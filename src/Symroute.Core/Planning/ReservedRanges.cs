namespace Symroute.Planning;

/// <summary>Table ids symroute never allocates: the kernel's reserved ids and ranges other agents own.</summary>
public static class ReservedRanges
{
    public static IReadOnlyList<(uint First, uint Last, string Owner)> Tables { get; } =
    [
        (0, 0, "unspec (reserved)"),
        (250, 250, "Shorewall"),
        (253, 255, "default, main, local (reserved)"),
        (10000, 19999, "ec2-net-utils"),
        (30000, 30799, "SUSE cloud-netconfig"),
        (51820, 51820, "wg-quick"),
    ];

    public static bool IsReservedTable(uint id) => Tables.Any(r => id >= r.First && id <= r.Last);
}
