using System.Globalization;
using System.Text;
using Symroute.Model;
using Symroute.Planning;

namespace Symroute.Backends;

/// <summary>
/// The files every backend shares: table and protocol names for iproute2, sysctl drop-ins, the
/// nftables ruleset for connmark. Each is symroute's own file, rewritten whole.
/// </summary>
public static class CommonFiles
{
    public const string TablesPath = "etc/iproute2/rt_tables.d/symroute.conf";
    public const string ProtosPath = "etc/iproute2/rt_protos.d/symroute.conf";
    public const string SysctlPath = "etc/sysctl.d/90-symroute.conf";
    public const string LooseRpFilterPath = "etc/sysctl.d/90-symroute-loose-rp-filter.conf";
    public const string NftPath = "etc/nftables.d/symroute.nft";

    public static string Header(Plan plan, string what) =>
        $"# {what}\n# Written by symroute (strategy {StrategyNames.Format(plan.Strategy)}); regenerate with `symroute plan --write` rather than editing.\n";

    /// <summary>Table names, protocol name, sysctls and nftables, as the plan needs them.</summary>
    public static List<RenderedFile> For(Plan plan, HostState host, BackendContext context, List<PlanNote> notes)
    {
        var files = new List<RenderedFile>();
        var tables = Tables(plan, host);
        if (tables.Count > 0 || plan.Tables.Any(t => t.Change == ChangeKind.Remove))
        {
            var sb = new StringBuilder(Header(plan, "Routing tables symroute allocated, one per interface (ip route show table symroute-IF)."));
            foreach (var (id, name) in tables)
                sb.Append(id.ToString(CultureInfo.InvariantCulture)).Append('\t').Append(name).Append('\n');
            files.Add(new RenderedFile(TablesPath, sb.ToString(), RenderedFile.Mode0644, "names of symroute's routing tables for ip"));
        }
        if (plan.Routes.Any(r => r.Change != ChangeKind.Remove) || plan.Rules.Any(r => r.Change != ChangeKind.Remove))
            files.Add(new RenderedFile(ProtosPath,
                Header(plan, "The route/rule protocol symroute marks its own rules and routes with (ip rule show protocol symroute).") +
                $"{Ownership.Protocol}\t{Ownership.ProtocolName}\n",
                RenderedFile.Mode0644, "name of symroute's ownership protocol for ip"));

        var normal = plan.Sysctls.Where(s => s.Change != ChangeKind.Remove && s.Warning is null).ToList();
        if (normal.Count > 0)
            files.Add(new RenderedFile(SysctlPath, SysctlText(plan, normal, "Kernel settings the routing fix needs."), RenderedFile.Mode0644, "sysctls (applied by systemd-sysctl at boot; now with sysctl --system)"));
        var loose = plan.Sysctls.Where(s => s.Change != ChangeKind.Remove && s.Warning is not null).ToList();
        if (loose.Count > 0)
            files.Add(new RenderedFile(LooseRpFilterPath, SysctlText(plan, loose, "WARNING: STOP-GAP, NOT A FIX."), RenderedFile.Mode0644, "loose rp_filter stop-gap (carries its warning)"));

        if (plan.Connmarks.Length > 0)
        {
            files.Add(new RenderedFile(NftPath, Nftables.Ruleset(plan), RenderedFile.Mode0644, "nftables: connection marks by ingress uplink"));
            if (context.NftablesIncludesDropIns != true)
                notes.Add(new PlanNote(PlanNoteLevel.Warning,
                    $"nftables.service loads only /etc/nftables.conf: add `include \"/{NftPath}\"` to it (or load the file from a unit of your own), or the connection marks are gone after a reboot"));
        }
        return files;
    }

    /// <summary>symroute's tables after the plan: kept and added ones, plus owned tables of interfaces outside the plan.</summary>
    public static SortedDictionary<uint, string> Tables(Plan plan, HostState host)
    {
        var d = new SortedDictionary<uint, string>();
        foreach (var (id, dev) in Ownership.OwnedTables(host.TableNames))
            d[id] = Ownership.TableName(dev);
        foreach (var t in plan.Tables)
        {
            if (t.Change == ChangeKind.Remove) d.Remove(t.Id);
            else d[t.Id] = t.Name;
        }
        return d;
    }

    private static string SysctlText(Plan plan, List<PlannedSysctl> sysctls, string what)
    {
        var sb = new StringBuilder(Header(plan, what));
        foreach (var s in sysctls)
        {
            sb.Append("\n# ").Append(s.Reason).Append('\n');
            if (s.Warning is not null) sb.Append("# ").Append(s.Warning).Append('\n');
            sb.Append(s.Key).Append(" = ").Append(s.Value.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        return sb.ToString();
    }
}
