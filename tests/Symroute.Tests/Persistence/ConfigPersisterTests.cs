using System.Runtime.Versioning;
using System.Text;
using System.Text.RegularExpressions;
using Symroute.Backends;
using Symroute.Host.Persistence;
using Xunit;

namespace Symroute.Tests.Persistence;

/// <summary>S1 persisted per backend under a temporary root: the tree (golden), backups, idempotence, restore.</summary>
[SupportedOSPlatform("linux")]
public class ConfigPersisterTests
{
    public static TheoryData<string> Backends() => [.. BackendNames.All];

    [Theory]
    [MemberData(nameof(Backends))]
    public void S1_persists_backs_up_is_idempotent_and_restores(string backend)
    {
        BackendNames.TryParse(backend, out var b);
        var s = PersistScenario.S1(b);
        using var t = new TempTree();
        s.Seed(t);
        string before = TempTree.Snapshot(t.Root);

        var result = ConfigPersister.Persist(t.Root, s.Rendering.Files, t.Backup);

        Assert.True(result.Changed);
        Assert.All(result.Files, f => Assert.True(f.Changed, f.Path));
        Assert.Equal(s.Rendering.Files.Select(f => f.Path), result.Files.Select(f => f.Path));
        foreach (var f in s.Rendering.Files)
        {
            string path = Path.Combine(t.Root, f.Path);
            Assert.Equal(f.Contents, File.ReadAllText(path));
            Assert.Equal(f.Mode, File.GetUnixFileMode(path));
        }
        // Every original it replaced is in the backup, byte for byte with its mode; new files have none.
        foreach (var pf in result.Files)
        {
            if (s.Seeded.TryGetValue(pf.Path, out var orig))
            {
                Assert.True(pf.Existed, pf.Path);
                Assert.NotNull(pf.BackupPath);
                Assert.Equal(Encoding.UTF8.GetBytes(orig.Contents), File.ReadAllBytes(pf.BackupPath!));
                Assert.Equal(orig.Mode, File.GetUnixFileMode(pf.BackupPath!));
            }
            else
            {
                Assert.False(pf.Existed, pf.Path);
                Assert.Null(pf.BackupPath);
            }
        }
        GoldenFile.AssertMatches($"persist/S1/{backend}.txt",
            TempTree.Dump(t.Root) + "== manifest.json\n" + Normalize(File.ReadAllText(Path.Combine(t.Backup, BackupManifest.FileName)), t.Root));

        // A second persist writes nothing: same inodes and mtimes, no new backups.
        string stamps = TempTree.Stamps(t.Root), backups = TempTree.Snapshot(t.Backup), backupStamps = TempTree.Stamps(t.Backup);
        var again = ConfigPersister.Persist(t.Root, s.Rendering.Files, t.Backup);
        Assert.False(again.Changed);
        Assert.All(again.Files, f => Assert.False(f.Changed));
        Assert.Equal(stamps, TempTree.Stamps(t.Root));
        Assert.Equal(backups, TempTree.Snapshot(t.Backup));
        Assert.Equal(backupStamps, TempTree.Stamps(t.Backup));

        // Restore: the originals byte for byte with their modes, new files and directories gone; twice is harmless.
        var restored = ConfigPersister.Restore(t.Root, t.Backup);
        Assert.Equal(s.Rendering.Files.Select(f => f.Path).Order(), restored.Order());
        Assert.Equal(before, TempTree.Snapshot(t.Root));
        Assert.Empty(ConfigPersister.Restore(t.Root, t.Backup));
        Assert.Equal(before, TempTree.Snapshot(t.Root));
    }

    [Fact]
    public void A_later_persist_into_the_same_backup_keeps_the_first_original()
    {
        var s = PersistScenario.S1(Backend.Networkd);
        using var t = new TempTree();
        s.Seed(t);
        string before = TempTree.Snapshot(t.Root);
        ConfigPersister.Persist(t.Root, s.Rendering.Files, t.Backup);
        var edited = s.Rendering.Files.Select(f => f.Path == CommonFiles.TablesPath ? f with { Contents = f.Contents + "# later\n" } : f).ToList();

        var second = ConfigPersister.Persist(t.Root, edited, t.Backup);

        Assert.Equal([CommonFiles.TablesPath], second.Written.Select(f => f.Path));
        Assert.Equal(PersistScenario.OldTables, File.ReadAllText(second.Files.Single(f => f.Path == CommonFiles.TablesPath).BackupPath!));
        ConfigPersister.Restore(t.Root, t.Backup);
        Assert.Equal(before, TempTree.Snapshot(t.Root));
    }

    [Fact]
    public void A_file_already_right_is_not_written_and_not_backed_up()
    {
        var s = PersistScenario.S1(Backend.Ifupdown);
        using var t = new TempTree();
        var f = s.Rendering.Files.Single(f => f.Path == IfupdownRenderer.Path);
        t.Seed(f.Path, f.Contents, f.Mode);
        string stamp = TempTree.Stamps(Path.Combine(t.Root, "etc/network"));

        var result = ConfigPersister.Persist(t.Root, [f], t.Backup);

        Assert.False(result.Changed);
        Assert.Equal(stamp, TempTree.Stamps(Path.Combine(t.Root, "etc/network")));
        Assert.False(Directory.Exists(t.Backup));
        Assert.Empty(ConfigPersister.Restore(t.Root, t.Backup));
        Assert.True(File.Exists(Path.Combine(t.Root, f.Path)));
    }

    [Fact]
    public void A_failure_half_way_leaves_the_tree_as_before()
    {
        var s = PersistScenario.S1(Backend.NetworkScripts);
        using var t = new TempTree();
        s.Seed(t);
        string before = TempTree.Snapshot(t.Root);
        // The last file's path turns into a directory just before it is written (as if another tool raced us),
        // after symroute's older file and the administrator's route-eth1 were replaced and new files written in a new directory.
        int at = s.Rendering.Files.Length - 1;
        string second = s.Rendering.Files[at].Path;
        Assert.Equal(NetworkScriptsRenderer.Dir + "rule-eth1", second);
        Assert.Contains(s.Rendering.Files.Take(at), f => f.Replaces);
        ConfigPersister.BeforeWrite.Value = p =>
        {
            if (p == second) Directory.CreateDirectory(Path.Combine(t.Root, p));
        };
        PersistException e;
        try
        {
            e = Assert.Throws<PersistException>(() => ConfigPersister.Persist(t.Root, s.Rendering.Files, t.Backup));
        }
        finally { ConfigPersister.BeforeWrite.Value = null; }

        Assert.StartsWith(second + ":", e.Message);
        Assert.Contains("is a directory", e.Message);
        Assert.Contains($"nothing was changed (the {at} file(s) already written were put back)", e.Message);
        Directory.Delete(Path.Combine(t.Root, second));
        Assert.Equal(before, TempTree.Snapshot(t.Root));
        Assert.False(Directory.Exists(t.Backup));
    }

    [Fact]
    public void A_failure_on_the_first_file_with_an_existing_backup_keeps_the_manifest()
    {
        var s = PersistScenario.S1(Backend.Networkd);
        using var t = new TempTree();
        s.Seed(t);
        ConfigPersister.Persist(t.Root, [s.Rendering.Files[0]], t.Backup);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(t.Root, s.Rendering.Files[1].Path))!);
        string tree = TempTree.Snapshot(t.Root), backups = TempTree.Snapshot(t.Backup);
        string first = s.Rendering.Files[1].Path;
        ConfigPersister.BeforeWrite.Value = p =>
        {
            if (p == first) Directory.CreateDirectory(Path.Combine(t.Root, p));
        };
        try
        {
            var e = Assert.Throws<PersistException>(() => ConfigPersister.Persist(t.Root, s.Rendering.Files, t.Backup));
            Assert.EndsWith("nothing was changed", e.Message);
        }
        finally { ConfigPersister.BeforeWrite.Value = null; }
        Directory.Delete(Path.Combine(t.Root, first));
        Assert.Equal(tree, TempTree.Snapshot(t.Root));
        Assert.Equal(backups, TempTree.Snapshot(t.Backup));
    }

    [Fact]
    public void A_crash_half_way_is_undone_by_Restore()
    {
        var s = PersistScenario.S1(Backend.NetworkScripts);
        using var t = new TempTree();
        s.Seed(t);
        string before = TempTree.Snapshot(t.Root);
        // Not an I/O error: Persist does not roll back, as if the process died there.
        ConfigPersister.BeforeWrite.Value = p =>
        {
            if (p == s.Rendering.Files[^1].Path) throw new InvalidOperationException("killed");
        };
        try { Assert.Throws<InvalidOperationException>(() => ConfigPersister.Persist(t.Root, s.Rendering.Files, t.Backup)); }
        finally { ConfigPersister.BeforeWrite.Value = null; }
        Assert.NotEqual(before, TempTree.Snapshot(t.Root));

        ConfigPersister.Restore(t.Root, t.Backup);

        Assert.Equal(before, TempTree.Snapshot(t.Root));
    }

    [Fact]
    public void Originals_that_are_not_UTF8_come_back_byte_for_byte()
    {
        var s = PersistScenario.S1(Backend.NetworkManager);
        using var t = new TempTree();
        var keyfile = s.Rendering.Files.First(f => f.Replaces);
        string path = t.Seed(keyfile.Path, "", RenderedFile.Mode0600);
        byte[] original = [0xef, 0xbb, 0xbf, (byte)'[', (byte)'c', (byte)']', 0x0d, 0x0a, 0xff, 0xfe, 0x00, (byte)'x', 0x0d, 0x0a];
        File.WriteAllBytes(path, original);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        var r = ConfigPersister.Persist(t.Root, [keyfile], t.Backup);
        Assert.Equal(original, File.ReadAllBytes(r.Files[0].BackupPath!));
        Assert.Equal(RenderedFile.Mode0600, File.GetUnixFileMode(path));

        ConfigPersister.Restore(t.Root, t.Backup);
        Assert.Equal(original, File.ReadAllBytes(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(path));
    }

    [Symroute.Tests.Lab.RootFact]
    public void A_replaced_file_keeps_its_owner_and_so_do_its_backup_and_restore()
    {
        var s = PersistScenario.S1(Backend.NetworkManager);
        using var t = new TempTree();
        s.Seed(t);
        var keyfile = s.Rendering.Files.First(f => f.Replaces);
        string path = Path.Combine(t.Root, keyfile.Path);
        TempTree.Run("chown", "1234:2345", path);
        string before = TempTree.Snapshot(t.Root);

        var r = ConfigPersister.Persist(t.Root, s.Rendering.Files, t.Backup);

        var st = Symroute.Host.Files.FileStatus.Of(path)!;
        Assert.Equal((1234u, 2345u), (st.Uid, st.Gid));
        var bst = Symroute.Host.Files.FileStatus.Of(r.Files.Single(f => f.Path == keyfile.Path).BackupPath!)!;
        Assert.Equal((1234u, 2345u), (bst.Uid, bst.Gid));
        // New files belong to whoever runs symroute (root).
        Assert.Equal(0u, Symroute.Host.Files.FileStatus.Of(Path.Combine(t.Root, CommonFiles.ProtosPath))!.Uid);
        ConfigPersister.Restore(t.Root, t.Backup);
        Assert.Equal(before, TempTree.Snapshot(t.Root));
    }

    [Fact]
    public void Restore_without_a_manifest_or_for_another_root_refuses()
    {
        using var t = new TempTree();
        Assert.Empty(ConfigPersister.Restore(t.Root, t.Backup));
        Directory.CreateDirectory(t.Backup);
        Assert.Contains("no symroute backup manifest", Assert.Throws<PersistException>(() => ConfigPersister.Restore(t.Root, t.Backup)).Message);
        Directory.Delete(t.Backup);
        var s = PersistScenario.S1(Backend.Runtime);
        ConfigPersister.Persist(t.Root, s.Rendering.Files, t.Backup);
        string other = Path.Combine(t.Dir, "other");
        Directory.CreateDirectory(other);
        Assert.Contains("holds backups of the root", Assert.Throws<PersistException>(() => ConfigPersister.Restore(other, t.Backup)).Message);
    }

    [Fact]
    public void Restore_refuses_a_backup_that_does_not_match_its_checksum()
    {
        var s = PersistScenario.S1(Backend.Runtime);
        using var t = new TempTree();
        s.Seed(t);
        var r = ConfigPersister.Persist(t.Root, s.Rendering.Files, t.Backup);
        File.AppendAllText(r.Files.Single(f => f.Path == CommonFiles.TablesPath).BackupPath!, "tampered\n");
        var e = Assert.Throws<PersistException>(() => ConfigPersister.Restore(t.Root, t.Backup));
        Assert.Contains("does not match the checksum", e.Message);
        // The other file was still restored (deleted: it did not exist).
        Assert.False(File.Exists(Path.Combine(t.Root, CommonFiles.ProtosPath)));
    }

    private static string Normalize(string manifest, string root) =>
        Regex.Replace(manifest.Replace(Path.GetFullPath(root), "ROOT"), "\"(uid|gid)\": \\d+", "\"$1\": N");
}
