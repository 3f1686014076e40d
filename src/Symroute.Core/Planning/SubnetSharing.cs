using System.Net;
using Symroute.Model;

namespace Symroute.Planning;

/// <summary>
/// Subnets found on more than one interface. The same subnet with the same gateway on both is
/// one segment reached twice (two NICs in one subnet: source rules plus ARP settings fix it);
/// any other overlap is two segments with clashing addresses, which rules cannot disambiguate for
/// locally originated traffic (a VRF or a namespace is needed), so the plan refuses.
/// </summary>
public static class SubnetSharing
{
    /// <summary>The refusal reason for overlapping subnets on different segments, or null.</summary>
    public static string? OverlapReason(HostState host)
    {
        var subnets = Subnets(host);
        for (int i = 0; i < subnets.Count; i++)
        {
            for (int j = i + 1; j < subnets.Count; j++)
            {
                var (a, da, aa) = subnets[i];
                var (b, db, ab) = subnets[j];
                if (da == db || a.Family != b.Family || !(a.Contains(b) || b.Contains(a)))
                    continue;
                if (a == b && SameSegment(host, a, da, db))
                    continue;
                return $"overlapping subnets: {a} on {da} ({aa}) and {b} on {db} ({ab}) are different segments; " +
                       $"policy rules cannot make locally originated traffic to {(a.Length <= b.Length ? a : b)} unambiguous. " +
                       $"Put one of the interfaces in a VRF or a network namespace; symroute will not pretend to fix this with rules.";
            }
        }
        return null;
    }

    /// <summary>Interfaces that share a subnet with another interface (one segment): they need the ARP sysctls.</summary>
    public static IReadOnlyList<(IpPrefix Subnet, string Dev)> Shared(HostState host)
    {
        var subnets = Subnets(host);
        var result = new List<(IpPrefix, string)>();
        foreach (var (p, d, _) in subnets)
        {
            if (p.Family != Family.Inet)
                continue;
            if (subnets.Any(o => o.Dev != d && o.Subnet == p) && !result.Contains((p, d)))
                result.Add((p, d));
        }
        return result;
    }

    private static List<(IpPrefix Subnet, string Dev, IPAddress Addr)> Subnets(HostState host)
    {
        var list = new List<(IpPrefix, string, IPAddress)>();
        foreach (var a in host.Addresses)
        {
            var link = host.FindLink(a.Dev);
            if (link is null || link.IsLoopback || !UplinkFinder.IsUsable(a) || a.IsSecondary)
                continue;
            if (a.PrefixLength == (a.Family == Family.Inet ? 32 : 128))
                continue;
            var s = a.Subnet;
            if (!list.Any(x => x.Item1 == s && x.Item2 == a.Dev))
                list.Add((s, a.Dev, a.Local));
        }
        return list;
    }

    // One segment when both interfaces reach the same gateway inside the subnet.
    private static bool SameSegment(HostState host, IpPrefix subnet, string da, string db)
    {
        var ga = Gateways(host, subnet, da);
        var gb = Gateways(host, subnet, db);
        return ga.Overlaps(gb);
    }

    private static HashSet<IPAddress> Gateways(HostState host, IpPrefix subnet, string dev)
    {
        var set = new HashSet<IPAddress>();
        foreach (var r in host.Routes)
            foreach (var nh in r.Nexthops)
                if (nh.Dev == dev && nh.Gateway is { } g && subnet.Contains(g))
                    set.Add(g);
        return set;
    }
}
