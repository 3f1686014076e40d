namespace Symroute.Model;

/// <summary>
/// The <c>net.ipv4.conf.X.*</c> sysctls that decide routing, for one X (<c>all</c>,
/// <c>default</c> or a device). Null = not known (not read, or absent from the input).
/// </summary>
public sealed record Ipv4Conf(
    int? Forwarding = null,
    int? RpFilter = null,
    int? AcceptLocal = null,
    int? SrcValidMark = null,
    int? ArpIgnore = null,
    int? ArpAnnounce = null,
    int? ArpFilter = null,
    int? IgnoreRoutesWithLinkdown = null,
    int? RouteLocalnet = null,
    int? SendRedirects = null,
    int? SharedMedia = null,
    int? LogMartians = null);
