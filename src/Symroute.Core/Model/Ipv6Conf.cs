namespace Symroute.Model;

/// <summary>The <c>net.ipv6.conf.X.*</c> sysctls that decide routing, for one X. Null = not known.</summary>
public sealed record Ipv6Conf(
    int? Forwarding = null,
    int? AcceptRa = null,
    int? AcceptRaDefrtr = null,
    int? IgnoreRoutesWithLinkdown = null,
    int? UseTempaddr = null,
    int? UseOifAddrsOnly = null,
    int? DisableIpv6 = null);
