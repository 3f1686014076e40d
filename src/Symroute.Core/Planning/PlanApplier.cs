using System.Collections.Immutable;
using Symroute.Model;

namespace Symroute.Planning;

/// <summary>
/// The state a plan would produce, computed on the model (no host touched): removals first, then
/// additions, rules inserted where the kernel inserts them (after the last rule of the family whose
/// priority is not greater: fib_nl_newrule), table names and sysctls updated. Connection marks are
/// nftables state, outside the model: the proof simulates them as packet marks.
/// </summary>
public static class PlanApplier
{
    public static HostState Apply(HostState host, Plan plan)
    {
        if (plan.Refusal is not null)
            return host;

        var routes = host.Routes.ToList();
        foreach (var r in plan.Routes.Where(r => r.Change == ChangeKind.Remove))
        {
            int i = routes.FindIndex(x => StateMatch.SameRoute(x, r.Route));
            if (i >= 0) routes.RemoveAt(i);
        }
        foreach (var r in plan.Routes.Where(r => r.Change == ChangeKind.Add))
            if (!routes.Any(x => StateMatch.SameRoute(x, r.Route)))
                routes.Add(r.Route);

        var rules = host.Rules.ToList();
        foreach (var r in plan.Rules.Where(r => r.Change == ChangeKind.Remove))
        {
            int i = rules.FindIndex(x => StateMatch.SameRule(x, r.Rule));
            if (i >= 0) rules.RemoveAt(i);
        }
        bool rulesAdded = false;
        foreach (var r in plan.Rules.Where(r => r.Change == ChangeKind.Add))
        {
            int at = rules.FindLastIndex(x => x.Family == r.Rule.Family && x.Priority <= r.Rule.Priority);
            if (at < 0) at = rules.FindIndex(x => x.Family == r.Rule.Family) - 1;
            if (at < -1) at = rules.Count - 1;
            rules.Insert(at + 1, r.Rule);
            rulesAdded = true;
        }

        var names = host.TableNames.Names;
        foreach (var t in plan.Tables)
        {
            if (t.Change == ChangeKind.Add) names = names.SetItem(t.Id, t.Name);
            else if (t.Change == ChangeKind.Remove && names.TryGetValue(t.Id, out var n) && n == t.Name) names = names.Remove(t.Id);
        }

        var sysctls = host.Sysctls;
        foreach (var s in plan.Sysctls.Where(s => s.Change == ChangeKind.Add))
            sysctls = SetSysctl(sysctls, s.Key, s.Value);

        bool anyRuleChange = rulesAdded || plan.Rules.Any(r => r.Change == ChangeKind.Remove);
        return host with
        {
            Routes = [.. routes],
            Rules = [.. rules],
            TableNames = new TableNames(names),
            Sysctls = sysctls,
            Firewall = WithConnmarks(host.Firewall, plan),
            // fib_nl_newrule/delrule set fib_has_custom_rules for good: main and local split.
            LocalTableMerged = anyRuleChange ? false : host.LocalTableMerged,
        };
    }

    /// <summary>
    /// The firewall with the connection-mark rules the plan adds (<c>table inet symroute</c>, as
    /// Nftables renders it): the new-connection mark on each uplink and its restore, so that the
    /// checks on the planned state see what nft will hold.
    /// </summary>
    private static Firewall? WithConnmarks(Firewall? firewall, Plan plan)
    {
        var added = plan.Connmarks.Where(c => c.Change == ChangeKind.Add).ToList();
        if (added.Count == 0)
            return firewall;
        var fw = firewall ?? Firewall.Empty("nftables");
        var marks = fw.MarkRules.ToBuilder();
        foreach (var c in added)
        {
            marks.Add(new MarkRule(MarkRuleKind.SetConnmark, "inet", "symroute", "prerouting", ["prerouting"],
                $"iifname \"{c.Dev}\" ct state new ct mark set ct mark & 0x{~c.Mask:x8} | 0x{c.Mark:x8}", c.Dev, false, c.Mark, true));
            marks.Add(new MarkRule(MarkRuleKind.RestoreMark, "inet", "symroute", "prerouting", ["prerouting"],
                $"ct mark & 0x{c.Mask:x8} == 0x{c.Mark:x8} meta mark set meta mark & 0x{~c.Mask:x8} | 0x{c.Mark:x8}", null, false, c.Mark));
        }
        return fw with { MarkRules = marks.ToImmutable() };
    }

    /// <summary>Sets <c>net.ipv4.conf.X.KEY</c> or <c>net.ipv6.conf.X.KEY</c> in the model.</summary>
    public static Sysctls SetSysctl(Sysctls sysctls, string key, int value)
    {
        var parts = key.Split('.');
        if (parts.Length != 5 || parts[0] != "net" || parts[2] != "conf")
            throw new ArgumentException($"unsupported sysctl {key}", nameof(key));
        string dev = parts[3], name = parts[4];
        if (parts[1] == "ipv4")
        {
            var c = sysctls.Ipv4For(dev);
            c = name switch
            {
                "rp_filter" => c with { RpFilter = value },
                "src_valid_mark" => c with { SrcValidMark = value },
                "arp_ignore" => c with { ArpIgnore = value },
                "arp_announce" => c with { ArpAnnounce = value },
                "arp_filter" => c with { ArpFilter = value },
                "forwarding" => c with { Forwarding = value },
                "accept_local" => c with { AcceptLocal = value },
                _ => throw new ArgumentException($"unsupported sysctl {key}", nameof(key)),
            };
            return sysctls with { Ipv4 = sysctls.Ipv4.SetItem(dev, c) };
        }
        if (parts[1] == "ipv6")
        {
            var c = sysctls.Ipv6For(dev);
            c = name switch
            {
                "accept_ra_defrtr" => c with { AcceptRaDefrtr = value },
                "accept_ra" => c with { AcceptRa = value },
                "forwarding" => c with { Forwarding = value },
                _ => throw new ArgumentException($"unsupported sysctl {key}", nameof(key)),
            };
            return sysctls with { Ipv6 = sysctls.Ipv6.SetItem(dev, c) };
        }
        throw new ArgumentException($"unsupported sysctl {key}", nameof(key));
    }
}
