using System.Runtime.Versioning;
using Symroute.Backends;
using Symroute.Host.Persistence;
using Symroute.Tests.Lab;
using Xunit;

namespace Symroute.Tests.Persistence;

/// <summary>
/// What Persist refuses, each before anything is written: the tree and the backup directory are
/// left exactly as they were. Read-only targets are tested as an immutable file (chattr +i), a
/// read-only bind mount (both as root), and a file without write bits (which root could otherwise
/// replace by rename).
/// </summary>
[SupportedOSPlatform("linux")]
public class PersistRefusalTests
{
    private static readonly RenderedFile Netplan = PersistScenario.S1(Backend.Netplan).Rendering.Files.Single(f => f.Path == NetplanRenderer.Path);
    private static readonly RenderedFile Keyfile = PersistScenario.S1(Backend.NetworkManager).Rendering.Files.First(f => f.Replaces);

    private static void AssertRefused(TempTree t, RenderedFile f, string expected)
    {
        string before = TempTree.Snapshot(t.Dir);
        var e = Assert.Throws<PersistException>(() => ConfigPersister.Persist(t.Root, [PersistScenario.S1(Backend.Runtime).Rendering.Files[0], f], t.Backup));
        Assert.StartsWith($"refusing to write {f.Path}: ", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.EndsWith("nothing was written", e.Message);
        Assert.Equal(before, TempTree.Snapshot(t.Dir));
    }

    [Fact]
    public void A_symbolic_link_on_the_path()
    {
        using var t = new TempTree();
        string elsewhere = Path.Combine(t.Dir, "elsewhere");
        Directory.CreateDirectory(elsewhere);
        Directory.CreateDirectory(Path.Combine(t.Root, "etc"));
        File.CreateSymbolicLink(Path.Combine(t.Root, "etc/netplan"), elsewhere);
        AssertRefused(t, Netplan, "etc/netplan: is a symbolic link; symroute does not write through links");
        Assert.Empty(Directory.EnumerateFileSystemEntries(elsewhere));
    }

    [Fact]
    public void A_symbolic_link_as_the_file()
    {
        using var t = new TempTree();
        string target = t.Seed("etc/netplan/50-cloud-init.yaml", "network: {version: 2}\n", RenderedFile.Mode0600);
        File.CreateSymbolicLink(Path.Combine(t.Root, Netplan.Path), target);
        AssertRefused(t, Netplan, "symroute does not write through links");
    }

    [Fact]
    public void A_symbolic_link_as_a_replaced_keyfile()
    {
        using var t = new TempTree();
        string real = t.Seed("srv/keyfile", "[connection]\n", RenderedFile.Mode0600);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(t.Root, Keyfile.Path))!);
        File.CreateSymbolicLink(Path.Combine(t.Root, Keyfile.Path), real);
        AssertRefused(t, Keyfile, "symroute does not write through links");
    }

    [Fact]
    public void A_file_at_a_drop_in_path_that_symroute_did_not_write()
    {
        using var t = new TempTree();
        t.Seed(Netplan.Path, "# the administrator's own file that happens to have this name\nnetwork:\n  version: 2\n", RenderedFile.Mode0600);
        AssertRefused(t, Netplan, "exists and was not written by symroute");
    }

    [Fact]
    public void A_network_scripts_file_with_the_administrators_lines_when_the_renderer_did_not_know_them()
    {
        using var t = new TempTree();
        var s = PersistScenario.S1(Backend.NetworkScripts);
        // Rendered without the administrator's file: a drop-in (Replaces false) that would lose their lines.
        var f = Renderers.Render(Backend.NetworkScripts, Symroute.Planning.Planner.Create(s.Host, new()), s.Host,
            Symroute.Tests.Planning.BackendContexts.For(Backend.NetworkScripts, s.Host)).Files.Single(f => f.Path.EndsWith("route-eth1", StringComparison.Ordinal));
        Assert.False(f.Replaces);
        t.Seed(f.Path, PersistScenario.AdminRoute + f.Contents, RenderedFile.Mode0644);
        AssertRefused(t, f, "exists and was not written by symroute");
    }

    [Fact]
    public void A_directory_at_the_files_path()
    {
        using var t = new TempTree();
        Directory.CreateDirectory(Path.Combine(t.Root, Netplan.Path));
        AssertRefused(t, Netplan, "is a directory");
    }

    [Fact]
    public void A_file_where_a_directory_must_be()
    {
        using var t = new TempTree();
        t.Seed("etc/netplan", "not a directory\n", RenderedFile.Mode0644);
        AssertRefused(t, Netplan, "etc/netplan is a regular file, not a directory");
    }

    [Fact]
    public void A_read_only_file()
    {
        using var t = new TempTree();
        t.Seed(Netplan.Path, Netplan.Contents.Replace("version: 2", "version: 2\n  # older"), UnixFileMode.UserRead | UnixFileMode.GroupRead);
        AssertRefused(t, Netplan, "is read-only (mode 0440)");
    }

    [RootFact]
    public void An_immutable_file()
    {
        using var t = new TempTree();
        string path = t.Seed(Keyfile.Path, "[connection]\nid=old\n", RenderedFile.Mode0600);
        t.Chattr("+i", path);
        AssertRefused(t, Keyfile, "is immutable (chattr +i)");
    }

    [RootFact]
    public void An_immutable_directory()
    {
        using var t = new TempTree();
        string dir = Path.Combine(t.Root, "etc/netplan");
        Directory.CreateDirectory(dir);
        t.Chattr("+i", dir);
        AssertRefused(t, Netplan, "is immutable (chattr +i) or otherwise not writable");
    }

    [RootFact]
    public void A_read_only_mount()
    {
        using var t = new TempTree();
        t.Seed("etc/netplan/50-cloud-init.yaml", "network: {version: 2}\n", RenderedFile.Mode0600);
        t.ReadOnlyMount(Path.Combine(t.Root, "etc/netplan"));
        AssertRefused(t, Netplan, "is on a read-only file system");
    }

    [Fact]
    public void The_same_path_twice()
    {
        using var t = new TempTree();
        var e = Assert.Throws<PersistException>(() => ConfigPersister.Persist(t.Root, [Netplan, Netplan], t.Backup));
        Assert.Contains("rendered twice", e.Message);
        Assert.False(Directory.Exists(t.Backup));
    }

    [Fact]
    public void Symroutes_own_files_are_recognised_for_every_backend_and_scenario()
    {
        foreach (var scenario in Symroute.Tests.Planning.ScenarioHosts.Names.Where(n => n != "S9"))
        {
            var host = Symroute.Tests.Planning.ScenarioHosts.Get(scenario);
            var plan = Symroute.Planning.Planner.Create(host, new());
            foreach (var b in Enum.GetValues<Backend>())
                foreach (var f in Renderers.Render(b, plan, host, Symroute.Tests.Planning.BackendContexts.For(b, host)).Files.Where(f => !f.Replaces))
                    Assert.True(ConfigPersister.IsSymroutes(System.Text.Encoding.UTF8.GetBytes(f.Contents)), $"{scenario} {b} {f.Path}");
        }
    }
}
