using System.Collections.Immutable;
using Symroute.Model;
using Symroute.Sources;
using Symroute.Tests.Lab;

namespace Symroute.Tests.Planning;

/// <summary>Reads a test namespace's routing state through <c>ip -json</c> (and its routing sysctls through sysctl).</summary>
public static class NamespaceState
{
    private static readonly string[] Confs4 = ["forwarding", "rp_filter", "src_valid_mark", "arp_ignore", "arp_announce", "arp_filter", "accept_local"];

    public static HostState Read(Netns ns, TableNames? names = null)
    {
        var state = IpJsonSource.Parse(new IpJsonInput(
            AddrJson: ns.Ip("-json", "addr", "show"),
            Route4Json: ns.Ip("-4", "-json", "route", "show", "table", "all"),
            Route6Json: ns.Ip("-6", "-json", "route", "show", "table", "all"),
            Rule4Json: ns.Ip("-4", "-json", "rule", "show"),
            Rule6Json: ns.Ip("-6", "-json", "rule", "show"),
            Names: names));
        var v4 = ImmutableSortedDictionary.CreateBuilder<string, Ipv4Conf>(StringComparer.Ordinal);
        foreach (var dev in new[] { "all", "default" }.Concat(state.Links.Select(l => l.Name)))
        {
            int? Get(string key)
            {
                var r = ns.TryExec(null, "sysctl", "-n", $"net.ipv4.conf.{dev}.{key}");
                return r.Status == 0 && int.TryParse(r.Stdout.Trim(), out int v) ? v : null;
            }
            v4[dev] = new Ipv4Conf(Forwarding: Get("forwarding"), RpFilter: Get("rp_filter"), SrcValidMark: Get("src_valid_mark"),
                ArpIgnore: Get("arp_ignore"), ArpAnnounce: Get("arp_announce"), ArpFilter: Get("arp_filter"), AcceptLocal: Get("accept_local"));
        }
        return state with { Sysctls = state.Sysctls with { Ipv4 = v4.ToImmutable() } };
    }
}
