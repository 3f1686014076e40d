using System.Collections.Immutable;
using Symroute.Model;
using Symroute.Planning;

namespace Symroute.Checks;

/// <summary>
/// <c>arp-flux</c>: on interfaces sharing a subnet, the ARP sysctls let one NIC answer for the
/// other's address (Linux is a weak host: arp_process replies for any local address unless
/// arp_ignore ≥ 1 or arp_filter says otherwise). Neighbours then learn whichever MAC answered
/// first, and it flaps. Effective values: arp_ignore and arp_announce max(all, dev), arp_filter
/// all OR dev (include/linux/inetdevice.h). Unknown values count as the kernel default 0.
/// </summary>
public sealed class ArpFluxCheck : ICheck
{
    public string Code => "arp-flux";

    public IEnumerable<Finding> Run(CheckContext context)
    {
        var facts = context.Facts;
        var groups = SubnetOverlap.Find(facts)
            .Where(o => !o.DifferentSegments && o.FirstAddress.Family == Family.Inet)
            .GroupBy(o => o.FirstAddress.Subnet);
        foreach (var group in groups)
        {
            var members = group.SelectMany(o => new[] { (o.First, o.FirstAddress), (o.Second, o.SecondAddress) })
                .DistinctBy(m => m.Item1.Name).ToList();
            foreach (var (iface, addr) in members)
            {
                string dev = iface.Name;
                int? ignore = facts.ArpIgnore(dev), announce = facts.ArpAnnounce(dev), filter = facts.ArpFilter(dev);
                // arp_ignore 1..3 or 8 or arp_filter stop answering for another NIC's address (arp_ignore()).
                bool answersForOthers = (ignore ?? 0) is 0 or (>= 4 and <= 7) && (filter ?? 0) == 0;
                bool announcesOthers = (announce ?? 0) == 0;
                if (!answersForOthers && !announcesOthers) continue;
                var others = members.Where(m => m.Item1.Name != dev).Select(m => $"{m.Item2.Local} ({m.Item1.Name})").ToList();
                var evidence = ImmutableArray.CreateBuilder<Evidence>();
                evidence.Add(Evidence.Fact($"{dev} shares {group.Key} with {string.Join(", ", others)}"));
                evidence.Add(Evidence.Fact($"{dev}: effective arp_ignore={Show(ignore)}, arp_announce={Show(announce)}, arp_filter={Show(filter)} (all: {Show(context.State.Sysctls.Ipv4For("all").ArpIgnore)}/{Show(context.State.Sysctls.Ipv4For("all").ArpAnnounce)}/{Show(context.State.Sysctls.Ipv4For("all").ArpFilter)})"));
                if (ignore is null || announce is null || filter is null)
                    evidence.Add(Evidence.Fact("some ARP sysctls are not in this input; the kernel default 0 was assumed for them"));
                string what = answersForOthers && announcesOthers
                    ? $"{dev} answers ARP requests for {string.Join(", ", others.Select(o => o.Split(' ')[0]))} and may announce them as sender"
                    : answersForOthers
                        ? $"{dev} answers ARP requests for {string.Join(", ", others.Select(o => o.Split(' ')[0]))}"
                        : $"{dev} may put another interface's address in its own ARP requests (arp_announce=0)";
                yield return new Finding(Code, Severity.Warning,
                    new FindingSubject(Interface: dev, Address: addr.Local),
                    $"{what}, so neighbours on {group.Key} can learn {dev}'s MAC for an address it does not own and send that address's traffic to the wrong NIC (ARP flux).",
                    evidence.ToImmutable(),
                    new Remedy(Strategy.SourceRules,
                        $"Set net.ipv4.conf.{dev}.arp_ignore=1 and arp_announce=2 (or arp_filter=1, which needs the source rules) on every interface in {group.Key}; the source-rules plan writes both, with the per-address tables that make arp_filter meaningful.",
                        context.PlanCommand(Strategy.SourceRules)));
            }
        }
    }

    private static string Show(int? v) => v?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?";
}
