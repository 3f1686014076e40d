using System.Runtime.Versioning;
using Symroute.Sources;
using Symroute.Tests.Planning;
using Xunit;

namespace Symroute.Tests.Persistence;

/// <summary><c>symroute plan --write</c> goes through ConfigPersister: backups, idempotence, refusals as one line.</summary>
[SupportedOSPlatform("linux")]
public class PlanWriteTests
{
    private static (int Status, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int status = global::Symroute.Cli.Cli.Run(args, TextReader.Null, stdout, stderr);
        return (status, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Write_backs_up_writes_nothing_the_second_time_and_refuses_foreign_files()
    {
        using var t = new TempTree();
        string snap = Path.Combine(t.Dir, "s1.json");
        File.WriteAllText(snap, SnapshotWriter.WriteString(ScenarioHosts.Get("S1")));
        t.Seed(Symroute.Backends.CommonFiles.TablesPath, PersistScenario.OldTables, Symroute.Backends.RenderedFile.Mode0644);

        var (status, stdout, stderr) = Run("plan", "--snapshot", snap, "--backend", "networkd", "--root", t.Root, "--write");
        Assert.True(status == 0, stderr);
        Assert.Contains($"wrote {t.Root}/etc/systemd/network/eth1.network.d/symroute.conf", stdout);
        string backups = Path.Combine(t.Root, "var/lib/symroute/backup");
        string backup = Assert.Single(Directory.GetDirectories(backups));
        Assert.Contains($"The 1 file(s) replaced are backed up, byte for byte with their modes, in {backup}", stdout);
        Assert.Equal(PersistScenario.OldTables, File.ReadAllText(Path.Combine(backup, "files", Symroute.Backends.CommonFiles.TablesPath)));

        string stamps = TempTree.Stamps(Path.Combine(t.Root, "etc"));
        (status, stdout, stderr) = Run("plan", "--snapshot", snap, "--backend", "networkd", "--root", t.Root, "--write");
        Assert.True(status == 0, stderr);
        Assert.Contains("Every file was already in place: nothing was written.", stdout);
        Assert.Equal(stamps, TempTree.Stamps(Path.Combine(t.Root, "etc")));
        Assert.Single(Directory.GetDirectories(backups));

        // The administrator's file where symroute's netplan drop-in goes: refused, one line, exit 3, nothing written.
        t.Seed("etc/netplan/90-symroute.yaml", "network:\n  version: 2\n", Symroute.Backends.RenderedFile.Mode0600);
        string before = TempTree.Snapshot(t.Root);
        (status, stdout, stderr) = Run("plan", "--snapshot", snap, "--backend", "netplan", "--root", t.Root, "--write");
        Assert.Equal(3, status);
        Assert.Equal($"symroute: refusing to write etc/netplan/90-symroute.yaml: {t.Root}/etc/netplan/90-symroute.yaml exists and was not written by symroute (no \"# Written by symroute\" header): it belongs to the administrator or another tool; nothing was written\n", stderr);
        Assert.Equal(before, TempTree.Snapshot(t.Root));
    }
}
