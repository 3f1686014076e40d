using Symroute.Host;
using Symroute.Model;
using Symroute.Sources;
using Symroute.Tests.Lab;
using Xunit;

namespace Symroute.Tests.Cli;

public sealed class SnapshotCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("symroute-snap-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Status, string Out, string Err) RunInProcess(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int status = Symroute.Cli.Cli.Run(args, TextReader.Null, o, e);
        return (status, o.ToString(), e.ToString());
    }

    private static void Lab(Netns ns) => ns.IpBatch([
        "link add eth0 type veth peer name eth1",
        "link set eth0 up",
        "link set eth1 up",
        "addr add 192.0.2.10/24 dev eth0",
        "addr add 2001:db8:1::10/64 dev eth0",
        "route add default via 192.0.2.1 table 100",
        "route add 10.9.0.0/16 nexthop via 192.0.2.1 dev eth0 nexthop via 192.0.2.2 dev eth0",
        "rule add from 192.0.2.10 table 100",
    ]);

    /// <summary>A snapshot read back equals a direct read of the same namespace (time aside).</summary>
    private static void AssertSameState(HostState expected, HostState actual)
    {
        var diffs = HostStateDiff.Compare(expected with { CapturedAt = null }, actual with { CapturedAt = null });
        Assert.True(diffs.Count == 0, string.Join("\n", diffs));
    }

    [RootFact]
    public void Snapshot_RunInsideANamespace_WritesWhatTheReaderSees()
    {
        using var ns = Netns.Create("snap");
        Lab(ns);
        string file = Path.Combine(_dir, "snap.json");

        var r = SymrouteProcess.Run(ns, null, "snapshot", "-o", file);

        Assert.True(r.Status == 0, r.Stderr);
        Assert.Equal("", r.Stdout);
        var snap = SnapshotReader.Read(File.ReadAllText(file), file);
        Assert.NotNull(snap.CapturedAt);
        Assert.NotNull(snap.KernelRelease);
        AssertSameState(HostReader.Read("/", ns.Name), snap);
        Assert.Contains(snap.Routes, x => x.Multipath && x.Nexthops.Length == 2);
        Assert.Empty(Directory.GetFiles(_dir, ".*.tmp"));
    }

    [RootFact]
    public void Snapshot_NetnsOption_ReadsTheNamedNamespaceToStdout()
    {
        using var ns = Netns.Create("snapn");
        Lab(ns);

        var r = SymrouteProcess.Run(null, null, "snapshot", "--netns", ns.Name);

        Assert.True(r.Status == 0, r.Stderr);
        var snap = SnapshotReader.Read(r.Stdout, "stdout");
        AssertSameState(HostReader.Read("/", ns.Name), snap);
        Assert.Equal(["lo", "eth1", "eth0"], snap.Links.Select(l => l.Name));
    }

    [RootFact]
    public void Snapshot_WithoutPrivilegeToEnterTheNamespace_FailsWithOneLineAndStatus3()
    {
        using var ns = Netns.Create("snapp");
        // As nobody: reading over netlink is allowed, entering a namespace (setns) is not.
        var r = Netns.RunRaw(null, ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "env", "HOME=/tmp", "DOTNET_CLI_HOME=/tmp",
            .. SymrouteProcess.Command, "snapshot", "--netns", ns.Name]);

        Assert.Equal(3, r.Status);
        Assert.Equal("", r.Stdout);
        var line = Assert.Single(r.Stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("symroute: permission denied: cannot enter network namespace", line);
    }

    [RootFact]
    public void Snapshot_AsAnUnprivilegedUser_StillReadsTheHost()
    {
        using var ns = Netns.Create("snapu");
        Lab(ns);
        var r = ns.TryExec(null, ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "env", "HOME=/tmp", "DOTNET_CLI_HOME=/tmp",
            .. SymrouteProcess.Command, "snapshot"]);
        Assert.True(r.Status == 0, r.Stderr);
        Assert.Contains(SnapshotReader.Read(r.Stdout, "stdout").Rules, x => x.Table == 100);
    }

    [Fact]
    public void Snapshot_UnknownOption_IsAUsageErrorWithStatus3()
    {
        var (status, o, e) = RunInProcess("snapshot", "--bogus");
        Assert.Equal(3, status);
        Assert.Equal("", o);
        Assert.Equal("symroute snapshot: unknown option '--bogus' (see 'symroute snapshot --help')", e.TrimEnd());
    }

    [Fact]
    public void Snapshot_MissingOptionValue_IsAUsageError()
    {
        var (status, _, e) = RunInProcess("snapshot", "-o");
        Assert.Equal(3, status);
        Assert.Contains("option '-o' needs a value", e);
    }

    [Fact]
    public void Snapshot_NoSuchRoot_FailsWithOneLine()
    {
        var (status, _, e) = RunInProcess("snapshot", "--root", "/nonexistent/symroute-root");
        Assert.Equal(3, status);
        Assert.Equal("symroute: --root /nonexistent/symroute-root: no such directory", e.TrimEnd());
    }

    [Fact]
    public void Snapshot_NoSuchNamespace_FailsWithOneLine()
    {
        var (status, _, e) = RunInProcess("snapshot", "--netns", "sr-no-such-ns-" + Environment.ProcessId);
        Assert.Equal(3, status);
        var line = Assert.Single(e.TrimEnd('\n').Split('\n'));
        Assert.Contains("no such network namespace", line);
    }

    [Fact]
    public void Snapshot_Help_PrintsUsage()
    {
        var (status, o, _) = RunInProcess("snapshot", "--help");
        Assert.Equal(0, status);
        Assert.StartsWith("Usage: symroute snapshot", o);
    }
}
