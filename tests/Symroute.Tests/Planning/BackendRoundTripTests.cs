using System.Net;
using Symroute.Backends;
using Symroute.Checks;
using Symroute.Model;
using Symroute.Planning;
using Symroute.Simulation;
using Symroute.Tests.Lab;
using Xunit;

namespace Symroute.Tests.Planning;

/// <summary>
/// Each backend's rendering, taken up by the real tool where Debian packages it, read back into
/// rules and routes, built on the model as the kernel would (HostBuilder refuses what the kernel
/// refuses), and proven again: the asymmetry is gone and a new plan has nothing left to do.
/// </summary>
public class BackendRoundTripTests
{
    public static TheoryData<string> Scenarios()
    {
        var d = new TheoryData<string>();
        foreach (var s in ScenarioHosts.Names.Where(n => n != "S9")) d.Add(s);
        return d;
    }

    private sealed record Case(string Name, HostState Before, Plan Plan, Rendering Rendering, BackendContext Context);

    private static Case Render(string scenario, Backend backend)
    {
        var before = ScenarioHosts.Get(scenario);
        var plan = Planner.Create(before, new PlanOptions());
        var context = BackendContexts.For(backend, before);
        return new Case(scenario, before, plan, Renderers.Render(backend, plan, before, context), context);
    }

    /// <summary>The scenario, the plan's stale items removed (by the runtime script or apply), then the backend's commands, the sysctl.d files.</summary>
    private static HostState Produce(Case c, IEnumerable<string> commands)
    {
        var b = ScenarioHosts.Builder(c.Name);
        foreach (var step in RuntimeRenderer.Steps(c.Plan).Where(s => s.Comment.StartsWith("remove:", StringComparison.Ordinal)))
            ConfigReadBack.Run(b, step.Line);
        foreach (var line in commands)
            ConfigReadBack.Run(b, line);
        foreach (var f in c.Rendering.Files.Where(f => f.Path.StartsWith("etc/sysctl.d/", StringComparison.Ordinal)))
            foreach (var l in f.Contents.Split('\n').Where(l => l.Length > 0 && l[0] != '#' && l.Contains('=')))
                b.Sysctl(l[..l.IndexOf('=')].Trim(), int.Parse(l[(l.IndexOf('=') + 1)..].Trim(), System.Globalization.CultureInfo.InvariantCulture));
        return ConfigReadBack.WithNames(ScenarioHosts.Finish(c.Name, b.Build()), c.Plan);
    }

    /// <summary>What <c>symroute check</c> finds on a state (no firewall, sockets or configuration files: the routing checks), as <c>code subject</c>.</summary>
    private static CheckReport Check(HostState state) => CheckRunner.Default.Run(new CheckContext(state, new CheckInputs()), "round trip");

    private static void AssertFixed(Case c, HostState after)
    {
        // The proof with the checks run on both sides: the strategy's findings must be gone.
        var proof = PlanVerifier.Verify(c.Before, after, c.Plan, ProofFindings.Of);
        Assert.True(proof.Proven, $"{c.Name}: {proof.Failure}");
        // And `check` on the read-back state is clean: nothing of warning or worse (its exit status 0).
        var report = Check(after);
        Assert.True(report.ExitStatus == 0, $"{c.Name}: check on the read-back state exits {report.ExitStatus}: " + string.Join("; ",
            report.Findings.Where(f => f.Severity >= Severity.Warning).Select(f => $"{f.Code} {f.Subject.Interface} {f.Subject.Address}: {f.Summary}")));
        var again = Planner.Create(after, new PlanOptions());
        Assert.True(again.IsEmptyDiff, $"{c.Name}: re-plan not empty: " + string.Join("; ",
            again.Routes.Where(r => r.Change != ChangeKind.Keep).Select(r => $"{r.Change} {r.Route.Dst} table {r.Route.Table}")
                .Concat(again.Rules.Where(r => r.Change != ChangeKind.Keep).Select(r => $"{r.Change} {r.Rule.Priority} {r.Rule.From} {r.Rule.FwMark}"))
                .Concat(again.Sysctls.Where(s => s.Change != ChangeKind.Keep).Select(s => $"{s.Change} {s.Key}"))));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Runtime_script_on_the_model(string scenario)
    {
        var c = Render(scenario, Backend.Runtime);
        var lines = c.Rendering.Runtime!.Script.Split('\n').Where(l => l.StartsWith("ip ", StringComparison.Ordinal) || l.StartsWith("sysctl ", StringComparison.Ordinal)).ToList();
        var b = ScenarioHosts.Builder(scenario);
        foreach (var l in lines) ConfigReadBack.Run(b, l);
        AssertFixed(c, ConfigReadBack.WithNames(ScenarioHosts.Finish(scenario, b.Build()), c.Plan));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Network_scripts_files_on_the_model(string scenario)
    {
        var c = Render(scenario, Backend.NetworkScripts);
        var cmds = new List<string>();
        foreach (var f in c.Rendering.Files.Where(f => f.Path.StartsWith(NetworkScriptsRenderer.Dir, StringComparison.Ordinal)))
        {
            string name = Path.GetFileName(f.Path);
            string kind = name.StartsWith("rule", StringComparison.Ordinal) ? "rule" : "route";
            string fam = name.StartsWith("rule6", StringComparison.Ordinal) || name.StartsWith("route6", StringComparison.Ordinal) ? "-6" : "-4";
            // ifup-routes: `ip -4|-6 route|rule add LINE` for every line that is not blank or a comment.
            cmds.AddRange(f.Contents.Split('\n').Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#')).Select(l => $"ip {fam} {kind} add {l}"));
        }
        Assert.NotEmpty(cmds);
        AssertFixed(c, Produce(c, cmds));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Networkd_dropins_on_the_model(string scenario)
    {
        var c = Render(scenario, Backend.Networkd);
        var cmds = new List<string>();
        foreach (var u in c.Plan.Uplinks)
        {
            var f = c.Rendering.Files.Single(f => f.Path == $"etc/systemd/network/10-{u.Dev}.network.d/symroute.conf");
            cmds.AddRange(ConfigReadBack.Networkd(f.Contents, u.Dev, u.Gateway4?.ToString()));
        }
        AssertFixed(c, Produce(c, cmds));
    }

    [ToolTheory("netplan", "netplan.io")]
    [MemberData(nameof(Scenarios))]
    public void Netplan_generate_accepts_the_yaml(string scenario)
    {
        var c = Render(scenario, Backend.Netplan);
        string root = Directory.CreateTempSubdirectory("symroute-netplan-").FullName;
        try
        {
            // The administrator's file: addresses, DHCP, the main default routes.
            var admin = new System.Text.StringBuilder("network:\n  version: 2\n  renderer: networkd\n  ethernets:\n");
            foreach (var link in c.Before.Links.Where(l => !l.IsLoopback))
            {
                admin.Append($"    {link.Name}:\n");
                var addrs = c.Before.Addresses.Where(a => a.Dev == link.Name && UplinkFinder.IsUsable(a)).ToList();
                if (addrs.Any(a => a.ValidLifetime is not null)) admin.Append("      dhcp4: true\n");
                else if (addrs.Count > 0) admin.Append("      addresses: [" + string.Join(", ", addrs.Select(a => $"\"{a.Local}/{a.PrefixLength}\"")) + "]\n");
            }
            Directory.CreateDirectory(Path.Combine(root, "etc/netplan"));
            File.WriteAllText(Path.Combine(root, "etc/netplan/50-cloud-init.yaml"), admin.ToString());
            foreach (var f in c.Rendering.Files)
            {
                string p = Path.Combine(root, f.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(p)!);
                File.WriteAllText(p, f.Contents);
                if (OperatingSystem.IsLinux()) File.SetUnixFileMode(p, f.Mode);
            }
            if (OperatingSystem.IsLinux()) File.SetUnixFileMode(Path.Combine(root, "etc/netplan/50-cloud-init.yaml"), RenderedFile.Mode0600);
            var r = Netns.RunRaw(null, "netplan", "generate", "--root-dir", root);
            Assert.True(r.Status == 0, $"netplan generate: {r.Stderr}");
            Assert.DoesNotContain("Permissions", r.Stderr);

            var cmds = new List<string>();
            foreach (var u in c.Plan.Uplinks)
            {
                string unit = File.ReadAllText(Path.Combine(root, $"run/systemd/network/10-netplan-{u.Dev}.network"));
                // netplan's unit holds the administrator's routes too: only the table routes are the plan's.
                cmds.AddRange(ConfigReadBack.Networkd(unit, u.Dev, u.Gateway4?.ToString(), k => k.ContainsKey("Table")));
                string dropin = Path.Combine(root, $"etc/systemd/network/10-netplan-{u.Dev}.network.d/symroute.conf");
                if (File.Exists(dropin))
                    cmds.AddRange(ConfigReadBack.Networkd(File.ReadAllText(dropin), u.Dev, u.Gateway4?.ToString()));
            }
            AssertFixed(c, Produce(c, cmds));
        }
        finally { Directory.Delete(root, true); }
    }

    [ToolTheory("nmcli", "network-manager")]
    [MemberData(nameof(Scenarios))]
    public void Nmcli_offline_accepts_the_changes_and_writes_the_same_keyfile(string scenario)
    {
        var c = Render(scenario, Backend.NetworkManager);
        var cmds = new List<string>();
        foreach (var u in c.Plan.Uplinks)
        {
            var cfg = c.Context.For(u.Dev)!;
            var modify = c.Rendering.Commands.Single(x => x.StartsWith($"nmcli connection modify '{cfg.Id}' ", StringComparison.Ordinal));
            var args = ShellWords(modify).Skip(4).ToArray();
            // nmcli --offline reads the keyfile on stdin and prints the modified one (NetworkManager >= 1.40).
            var r = Netns.RunRaw(cfg.Contents, ["nmcli", "--offline", "connection", "modify", .. args]);
            Assert.True(r.Status == 0, $"nmcli: {r.Stderr}");
            var mine = c.Rendering.Files.Single(f => f.Path == cfg.Path).Contents;
            Assert.Equal(r.Stdout, mine);
            cmds.AddRange(ConfigReadBack.Keyfile(mine, u.Dev));
        }
        AssertFixed(c, Produce(c, cmds));
    }

    [ToolTheory("ifup", "ifupdown")]
    [MemberData(nameof(Scenarios))]
    public void Ifup_no_act_runs_the_post_up_lines(string scenario)
    {
        var c = Render(scenario, Backend.Ifupdown);
        string dir = Directory.CreateTempSubdirectory("symroute-ifupdown-").FullName;
        try
        {
            var file = c.Rendering.Files.Single(f => f.Path == IfupdownRenderer.Path);
            Directory.CreateDirectory(Path.Combine(dir, "interfaces.d"));
            File.WriteAllText(Path.Combine(dir, "interfaces.d/symroute"), file.Contents);
            // Debian's layout: interfaces.d sourced first, then the administrator's stanzas.
            var admin = new System.Text.StringBuilder($"source {dir}/interfaces.d/*\n");
            foreach (var u in c.Plan.Uplinks)
            {
                admin.Append($"\nauto {u.Dev}\n");
                var v4 = c.Before.Addresses.Where(a => a.Dev == u.Dev && a.Family == Family.Inet && !a.IsSecondary).ToList();
                if (u.Dhcp4) admin.Append($"iface {u.Dev} inet dhcp\n");
                else if (v4.Count > 0) admin.Append($"iface {u.Dev} inet static\n    address {v4[0].Local}/{v4[0].PrefixLength}\n");
            }
            File.WriteAllText(Path.Combine(dir, "interfaces"), admin.ToString());
            var cmds = new List<string>();
            foreach (var u in c.Plan.Uplinks)
            {
                var r = Netns.RunRaw(null, "ifup", "--no-act", "-i", Path.Combine(dir, "interfaces"), "--state-dir", Path.Combine(dir, "state"), u.Dev);
                Assert.True(r.Status == 0, $"ifup --no-act {u.Dev}: {r.Stderr}");
                cmds.AddRange((r.Stdout + r.Stderr).Split('\n').Select(l => l.Trim())
                    .Where(l => l.StartsWith("ip ", StringComparison.Ordinal) && (l.Contains(" proto 83") || l.Contains(" protocol 83"))));
                var down = Netns.RunRaw(null, "ifdown", "--no-act", "--force", "-i", Path.Combine(dir, "interfaces"), "--state-dir", Path.Combine(dir, "state"), u.Dev);
                Assert.True(down.Status == 0, $"ifdown --no-act {u.Dev}: {down.Stderr}");
                var adds = cmds.Where(l => l.Contains($" dev {u.Dev} ") || l.Contains("rule add")).Count();
                var dels = (down.Stdout + down.Stderr).Split('\n').Count(l => l.Trim().StartsWith("ip ", StringComparison.Ordinal) && l.Contains(" del ") && (l.Contains("proto 83") || l.Contains("protocol 83")));
                Assert.True(dels > 0, $"ifdown removes nothing for {u.Dev}");
            }
            Assert.NotEmpty(cmds);
            AssertFixed(c, Produce(c, cmds));
        }
        finally { Directory.Delete(dir, true); }
    }

    /// <summary>Splits a command line the way sh does for the quoting the renderers use ('…' and plain words).</summary>
    private static List<string> ShellWords(string line)
    {
        var words = new List<string>();
        var cur = new System.Text.StringBuilder();
        bool quoted = false, any = false;
        foreach (char ch in line)
        {
            if (ch == '\'') { quoted = !quoted; any = true; continue; }
            if (ch == ' ' && !quoted)
            {
                if (any) words.Add(cur.ToString());
                cur.Clear();
                any = false;
                continue;
            }
            cur.Append(ch);
            any = true;
        }
        if (any) words.Add(cur.ToString());
        return words;
    }
}
