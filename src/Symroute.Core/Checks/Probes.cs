using System.Net;
using System.Numerics;
using Symroute.Model;

namespace Symroute.Checks;

/// <summary>
/// Destinations the checks simulate replies to: off-link clients (documentation and well-known
/// public addresses, so that a reader recognises them) and on-link peers inside a subnet.
/// </summary>
public static class Probes
{
    /// <summary>
    /// Off-link client candidates, in preference order: documentation ranges first (RFC 5737,
    /// RFC 3849, RFC 9637), then well-known anycast resolvers for hosts whose tables cover the
    /// documentation ranges (full Internet tables).
    /// </summary>
    public static IReadOnlyList<IPAddress> OffLinkCandidates(Family family) => family == Family.Inet ? V4 : V6;

    private static readonly IPAddress[] V4 =
    [
        IPAddress.Parse("203.0.113.10"),
        IPAddress.Parse("198.51.100.10"),
        IPAddress.Parse("192.0.2.10"),
        IPAddress.Parse("8.8.8.8"),
        IPAddress.Parse("1.1.1.1"),
        IPAddress.Parse("9.9.9.9"),
    ];

    private static readonly IPAddress[] V6 =
    [
        IPAddress.Parse("2001:db8:ffff::10"),
        IPAddress.Parse("3fff::10"),
        IPAddress.Parse("2001:4860:4860::8888"),
        IPAddress.Parse("2606:4700:4700::1111"),
        IPAddress.Parse("2620:fe::fe"),
    ];

    /// <summary>
    /// An address inside <paramref name="subnet"/> that is none of <paramref name="exclude"/>: the
    /// highest usable host address going down (IPv4), or PREFIX::5eed upwards (IPv6). Null when the
    /// subnet has no room (a /31, /32, /127, /128) or everything tried is excluded.
    /// </summary>
    public static IPAddress? OnLinkPeer(IpPrefix subnet, Func<IPAddress, bool> exclude)
    {
        int hostBits = subnet.MaxLength - subnet.Length;
        if (hostBits < 2) return null;
        var net = ToInteger(subnet.Network().Address);
        for (int i = 0; i < 64; i++)
        {
            BigInteger candidate = subnet.Family == Family.Inet
                ? net + (BigInteger.One << hostBits) - 2 - i
                : net + (hostBits > 16 ? 0x5eed : 2) + i;
            if (candidate <= net || candidate >= net + (BigInteger.One << hostBits) - (subnet.Family == Family.Inet ? 1 : 0))
                return null;
            var addr = FromInteger(candidate, subnet.Family);
            if (!exclude(addr)) return addr;
        }
        return null;
    }

    private static BigInteger ToInteger(IPAddress a) => new(a.GetAddressBytes(), isUnsigned: true, isBigEndian: true);

    private static IPAddress FromInteger(BigInteger v, Family family)
    {
        int len = family == Family.Inet ? 4 : 16;
        var raw = v.ToByteArray(isUnsigned: true, isBigEndian: true);
        var bytes = new byte[len];
        raw.AsSpan(Math.Max(0, raw.Length - len)).CopyTo(bytes.AsSpan(Math.Max(0, len - raw.Length)));
        return new IPAddress(bytes);
    }
}
