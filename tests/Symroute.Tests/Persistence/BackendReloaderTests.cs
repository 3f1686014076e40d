using System.Runtime.Versioning;
using System.Text;
using Symroute.Backends;
using Symroute.Host.Persistence;
using Xunit;

namespace Symroute.Tests.Persistence;

/// <summary>What each backend is told after S1's files are persisted, recorded by a fake runner (golden).</summary>
[SupportedOSPlatform("linux")]
public class BackendReloaderTests
{
    public static TheoryData<string> Backends() => [.. BackendNames.All];

    [Theory]
    [MemberData(nameof(Backends))]
    public void S1_reload_commands(string backend)
    {
        BackendNames.TryParse(backend, out var b);
        var s = PersistScenario.S1(b);
        var runner = new RecordingCommandRunner();

        var outcome = BackendReloader.Reload(s.Rendering, "/", runner, null, s.Context);

        Assert.False(outcome.DryRun);
        Assert.False(outcome.Failed);
        Assert.Equal(outcome.Commands.Select(c => string.Join(' ', c.Argv)), runner.Commands.Select(c => string.Join(' ', c)));
        Assert.All(outcome.Commands, c => Assert.True(c.Ran));
        GoldenFile.AssertMatches($"persist/S1/{backend}.reload.txt", Text(outcome));
    }

    [Fact]
    public void Under_another_root_nothing_runs()
    {
        var s = PersistScenario.S1(Backend.NetworkManager);
        var runner = new RecordingCommandRunner();
        using var t = new TempTree();

        var outcome = BackendReloader.Reload(s.Rendering, t.Root, runner, null, s.Context);

        Assert.True(outcome.DryRun);
        Assert.Empty(runner.Commands);
        Assert.Equal(["nmcli connection reload", "nmcli device reapply eth0", "nmcli device reapply eth1"], outcome.Commands.Select(c => c.Text));
        Assert.All(outcome.Commands, c => Assert.False(c.Ran));
        Assert.Contains(outcome.NotReloaded, n => n.Contains("nothing was run", StringComparison.Ordinal));
    }

    [Fact]
    public void Nothing_changed_nothing_to_run()
    {
        var s = PersistScenario.S1(Backend.Networkd);
        var runner = new RecordingCommandRunner();
        var unchanged = new PersistResult([.. s.Rendering.Files.Select(f => new PersistedFile(f.Path, true, false, null))]);

        var outcome = BackendReloader.Reload(s.Rendering, "/", runner, unchanged, s.Context);

        Assert.Empty(outcome.Commands);
        Assert.Empty(runner.Commands);
    }

    [Fact]
    public void Only_the_changed_profiles_are_reapplied()
    {
        var s = PersistScenario.S1(Backend.NetworkManager);
        var runner = new RecordingCommandRunner();
        var persisted = new PersistResult([.. s.Rendering.Files.Select(f => new PersistedFile(f.Path, true, f.Path.Contains("eth1", StringComparison.Ordinal), null))]);

        BackendReloader.Reload(s.Rendering, "/", runner, persisted, s.Context);

        Assert.Equal(["nmcli connection reload", "nmcli device reapply eth1"], runner.Commands.Select(c => string.Join(' ', c)));
    }

    [Fact]
    public void A_failing_command_stops_the_rest_and_says_so()
    {
        var s = PersistScenario.S1(Backend.NetworkManager);
        var runner = new RecordingCommandRunner
        {
            Answer = argv => argv[1] == "connection" ? new CommandResult(8, "", "Error: NetworkManager is not running.\n") : null,
        };

        var outcome = BackendReloader.Reload(s.Rendering, "/", runner, null, s.Context);

        Assert.True(outcome.Failed);
        Assert.Single(runner.Commands);
        Assert.Equal("Error: NetworkManager is not running.", outcome.Commands[0].Error);
        Assert.False(outcome.Commands[1].Ran);
        Assert.Contains(outcome.NotReloaded, n => n.StartsWith("`nmcli connection reload` failed (Error: NetworkManager is not running.)", StringComparison.Ordinal)
            && n.Contains("not run: nmcli device reapply eth0; nmcli device reapply eth1", StringComparison.Ordinal));
    }

    [Fact]
    public void Sysctl_and_nftables_files_are_loaded_by_themselves_for_every_scenario_and_backend()
    {
        int sysctls = 0, nfts = 0;
        foreach (var scenario in Symroute.Tests.Planning.ScenarioHosts.Names.Where(n => n != "S9"))
        {
            var host = Symroute.Tests.Planning.ScenarioHosts.Get(scenario);
            var plan = Symroute.Planning.Planner.Create(host, new());
            foreach (var b in Enum.GetValues<Backend>())
            {
                var rendering = Renderers.Render(b, plan, host, Symroute.Tests.Planning.BackendContexts.For(b, host));
                var commands = BackendReloader.Reload(rendering, "/", new RecordingCommandRunner(), null, null).Commands.Select(c => c.Text).ToList();
                foreach (var f in rendering.Files.Where(f => f.Path.StartsWith("etc/sysctl.d/", StringComparison.Ordinal)))
                {
                    Assert.Contains($"sysctl -p /{f.Path}", commands);
                    sysctls++;
                }
                Assert.DoesNotContain("sysctl --system", commands);
                Assert.DoesNotContain("netplan apply", commands);
                if (rendering.Files.Any(f => f.Path == CommonFiles.NftPath))
                {
                    Assert.Equal($"nft -f /{CommonFiles.NftPath}", commands[^1]);
                    nfts++;
                }
            }
        }
        Assert.True(sysctls > 0 && nfts > 0);
    }

    [Fact]
    public void Netplan_with_the_NetworkManager_renderer_reloads_and_reapplies_through_nmcli()
    {
        var s = PersistScenario.S1(Backend.Netplan);
        var context = s.Context with { Interfaces = [.. s.Context.Interfaces.Select(i => i with { NetplanRenderer = "NetworkManager" })] };
        var rendering = Renderers.Render(Backend.Netplan, Symroute.Planning.Planner.Create(s.Host, new()), s.Host, context);
        var runner = new RecordingCommandRunner();

        BackendReloader.Reload(rendering, "/", runner, null, context);

        Assert.Equal(["netplan generate", "nmcli connection reload", "nmcli device reapply eth0", "nmcli device reapply eth1"], runner.Commands.Select(c => string.Join(' ', c)));
    }

    [Fact]
    public void NetworkManager_profiles_without_a_keyfile_under_the_root_are_said_to_be_not_persisted()
    {
        var s = PersistScenario.S1(Backend.NetworkManager);
        var rendering = Renderers.Render(Backend.NetworkManager, Symroute.Planning.Planner.Create(s.Host, new()), s.Host, BackendContext.Empty);
        var runner = new RecordingCommandRunner();

        var outcome = BackendReloader.Reload(rendering, "/", runner, null, BackendContext.Empty);

        Assert.Empty(runner.Commands);
        var note = Assert.Single(outcome.NotReloaded);
        Assert.StartsWith("no NetworkManager keyfile of these profiles was found under the root, so nothing of them was written: persist them with nmcli connection modify eth0 ", note);
    }

    [Fact]
    public void The_real_runner_reports_exit_status_output_and_a_missing_program()
    {
        var r = ProcessCommandRunner.Default.Run(["sh", "-c", "echo out; echo err >&2; exit 3"]);
        Assert.Equal(new CommandResult(3, "out\n", "err\n"), r);
        Assert.Equal(127, ProcessCommandRunner.Default.Run(["/nonexistent/symroute-no-such-program"]).ExitStatus);
    }

    private static string Text(ReloadOutcome o)
    {
        var sb = new StringBuilder();
        foreach (var c in o.Commands)
            sb.Append("run: ").Append(c.Text).Append("\n     ").Append(c.Why).Append('\n');
        foreach (var n in o.NotReloaded)
            sb.Append("note: ").Append(n).Append('\n');
        return sb.ToString();
    }
}
