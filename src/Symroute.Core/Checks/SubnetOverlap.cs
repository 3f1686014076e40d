using System.Net;
using Symroute.Model;

namespace Symroute.Checks;

/// <summary>
/// Two interfaces whose subnets overlap, and which of the two problems that is. The host cannot
/// see segments, so the rule is: the same subnet on both with no evidence of two networks is one
/// segment (<c>same-subnet-interfaces</c>: two NICs on one LAN, S2); nested subnets of different
/// lengths, or the same subnet where each interface has its own, different gateway inside it,
/// are two segments (<c>overlapping-subnets</c>, S9), which rules cannot fix.
/// </summary>
public sealed record SubnetOverlap(
    InterfaceFacts First,
    InterfaceAddress FirstAddress,
    InterfaceFacts Second,
    InterfaceAddress SecondAddress,
    bool DifferentSegments,
    string Reason)
{
    public static List<SubnetOverlap> Find(HostFacts facts)
    {
        var result = new List<SubnetOverlap>();
        var ifaces = facts.Interfaces;
        for (int i = 0; i < ifaces.Length; i++)
            for (int j = i + 1; j < ifaces.Length; j++)
                foreach (var a in Candidates(ifaces[i]))
                    foreach (var b in Candidates(ifaces[j]))
                    {
                        if (a.Family != b.Family) continue;
                        var sa = a.Subnet;
                        var sb = b.Subnet;
                        if (!sa.Contains(sb) && !sb.Contains(sa)) continue;
                        if (result.Any(r => r.First == ifaces[i] && r.Second == ifaces[j])) continue;
                        if (sa.Length != sb.Length)
                        {
                            result.Add(new SubnetOverlap(ifaces[i], a, ifaces[j], b, true,
                                $"{sa} and {sb} nest but differ in length, which one segment would not have"));
                            continue;
                        }
                        var ga = ifaces[i].GatewaysOf(a.Family).Where(g => sa.Contains(g)).ToList();
                        var gb = ifaces[j].GatewaysOf(b.Family).Where(g => sb.Contains(g)).ToList();
                        bool different = ga.Count > 0 && gb.Count > 0 && !ga.Intersect(gb).Any();
                        result.Add(new SubnetOverlap(ifaces[i], a, ifaces[j], b, different,
                            different
                                ? $"each has its own gateway inside {sa} ({string.Join(", ", ga)} on {ifaces[i].Name}, {string.Join(", ", gb)} on {ifaces[j].Name})"
                                : ga.Count > 0 && gb.Count > 0
                                    ? $"both use the gateway {string.Join(", ", ga.Intersect(gb))}"
                                    : "nothing shows two different networks"));
                    }
        return result;
    }

    /// <summary>Primary addresses with a real subnet (not /32, /128, /31 point-to-point), link-local excluded.</summary>
    private static IEnumerable<InterfaceAddress> Candidates(InterfaceFacts iface) =>
        iface.Addresses.Where(a => !a.IsSecondary && a.Peer is null
            && a.PrefixLength < (a.Family == Family.Inet ? 31 : 127)
            && !(a.Family == Family.Inet && new IpPrefix(IPAddress.Parse("169.254.0.0"), 16).Contains(a.Local)));
}
