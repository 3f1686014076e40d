using System.Collections.Immutable;
using Symroute.Model;

namespace Symroute.Checks;

/// <summary>
/// <c>rp-filter-loose</c>: loose reverse-path filtering (rp_filter = max(all, dev) = 2) on an
/// interface with its own gateway, on a multi-homed host. A warning when replies from that
/// interface's addresses still leave by another one (the loose setting masks the asymmetry: the
/// host accepts the requests, upstream firewalls still drop the replies); info when source rules
/// already make the paths symmetric (a leftover stop-gap: strict would work now). A single-homed
/// host with the distribution default of 2 reports nothing.
/// </summary>
public sealed class RpFilterLooseCheck : ICheck
{
    public string Code => "rp-filter-loose";

    public IEnumerable<Finding> Run(CheckContext context)
    {
        var facts = context.Facts;
        if (!facts.IsMultiHomed) yield break;
        foreach (var iface in facts.Interfaces)
        {
            if (facts.RpFilter(iface.Name) != 2 || !context.HasGateway(iface, Family.Inet)) continue;
            var addresses = iface.AddressesOf(Family.Inet).ToList();
            if (addresses.Count == 0) continue;
            var paths = addresses.Select(a => context.Replies.OffLink(a)).Where(p => p is not null && p.Error is null).ToList();
            var wrong = paths.FirstOrDefault(p => !p!.Symmetric);
            var all = context.State.Sysctls.Ipv4For("all").RpFilter;
            var dev = context.State.Sysctls.Ipv4For(iface.Name).RpFilter;
            var setting = Evidence.Fact($"effective rp_filter on {iface.Name} = max(all={Show(all)}, {iface.Name}={Show(dev)}) = 2 (loose)");
            string fix = $"sysctl -w net.ipv4.conf.{iface.Name}.rp_filter=1{(all == 2 ? " net.ipv4.conf.all.rp_filter=1" : "")}";
            if (wrong is not null)
            {
                yield return new Finding(Code, Severity.Warning, new FindingSubject(Interface: iface.Name, Address: wrong.Address.Local),
                    $"Loose rp_filter on {iface.Name} lets requests to {wrong.Address.Local} in although their replies leave {wrong.Dev}: it masks the asymmetry on this host, while firewalls upstream still drop the replies.",
                    ImmutableArray.Create(setting, wrong.Evidence),
                    ReplyRemedy.For(context, Family.Inet, iface.Name) with
                    {
                        Reason = $"Fix the paths with source rules for {iface.Name}, then return to strict filtering ({fix}); loose rp_filter is a diagnostic aid, not a fix.",
                    });
            }
            else if (paths.Count > 0 && context.State.Rules.Any(r => r.Family == Family.Inet && r.From is { } f && !f.IsDefault && addresses.Any(a => f.Contains(a.Local))))
            {
                yield return new Finding(Code, Severity.Info, new FindingSubject(Interface: iface.Name),
                    $"rp_filter on {iface.Name} is loose (2) although source rules already make its replies symmetric: a leftover stop-gap that weakens anti-spoofing for nothing.",
                    ImmutableArray.Create(setting, paths[0]!.Evidence),
                    new Remedy(null, $"Return to strict filtering, and persist it in /etc/sysctl.d: {fix}.", fix));
            }
        }
    }

    private static string Show(int? v) => v?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?";
}
