using System.Globalization;
using System.Text;
using Symroute.Model;
using Symroute.Planning;

namespace Symroute.Backends;

/// <summary>
/// The plan as commands for the running kernel: a POSIX shell script (with each change's reason
/// as a comment) and the same routes and rules as <c>ip -batch</c> input, one per family. Order:
/// stale rules, stale routes, new routes (so a table is complete before a rule points at it),
/// new rules, sysctls, nftables. Nothing survives a reboot: a persistent backend does that.
/// </summary>
public static class RuntimeRenderer
{
    public static Rendering Render(Plan plan, HostState host, BackendContext context)
    {
        var notes = new List<Planning.PlanNote>();
        var files = CommonFiles.For(plan, host, context, notes).Where(f => f.Path is CommonFiles.TablesPath or CommonFiles.ProtosPath).ToList();
        var steps = Steps(plan);

        var sh = new StringBuilder();
        sh.Append("#!/bin/sh\n");
        sh.Append($"# symroute plan: strategy {StrategyNames.Format(plan.Strategy)} ({plan.StrategyReason}).\n");
        sh.Append("# Runtime only: lost at reboot. Every rule and route carries protocol ").Append(Ownership.Protocol).Append(" (symroute).\n");
        sh.Append("set -e\n");
        foreach (var (comment, line, _) in steps)
            sh.Append("\n# ").Append(comment).Append('\n').Append(line).Append('\n');
        foreach (var s in plan.Sysctls.Where(s => s.Change == ChangeKind.Add))
        {
            sh.Append("\n# ").Append(s.Reason).Append('\n');
            if (s.Warning is not null) sh.Append("# ").Append(s.Warning).Append('\n');
            sh.Append("sysctl -qw ").Append(s.Key).Append('=').Append(s.Value.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        // The ruleset is reloaded (idempotently) only when some mark is missing from the host's firewall.
        string? nft = plan.ConnmarksInPlace ? null : Nftables.Ruleset(plan);
        if (nft is not null)
            sh.Append("\n# Connection marks by ingress uplink.\nnft -f - <<'SYMROUTE_NFT'\n").Append(nft).Append("SYMROUTE_NFT\n");

        var b4 = new StringBuilder();
        var b6 = new StringBuilder();
        foreach (var (_, line, family) in steps)
        {
            // ip -batch lines are ip's arguments without "ip" and without the family option.
            string batch = line[(line.IndexOf(' ', 3) + 1)..];
            (family == Family.Inet6 ? b6 : b4).Append(batch).Append('\n');
        }
        return new Rendering(Backend.Runtime, [.. files], [], [.. notes], new RuntimeScript(sh.ToString(), b4.ToString(), b6.ToString(), nft));
    }

    /// <summary>The ip commands in execution order, with their reasons.</summary>
    public static List<(string Comment, string Line, Family Family)> Steps(Plan plan)
    {
        var steps = new List<(string, string, Family)>();
        foreach (var r in plan.Rules.Where(r => r.Change == ChangeKind.Remove))
            steps.Add(($"remove: {r.Reason}", IpCommand.Rule("del", r.Rule), r.Rule.Family));
        foreach (var r in plan.Routes.Where(r => r.Change == ChangeKind.Remove))
            steps.Add(($"remove: {r.Reason}", IpCommand.Route("del", r.Route), r.Route.Family));
        foreach (var r in plan.Routes.Where(r => r.Change == ChangeKind.Add))
            steps.Add((r.Reason, IpCommand.Route("add", r.Route), r.Route.Family));
        foreach (var r in plan.Rules.Where(r => r.Change == ChangeKind.Add))
            steps.Add((r.Reason, IpCommand.Rule("add", r.Rule), r.Rule.Family));
        return steps;
    }
}
