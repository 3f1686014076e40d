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
