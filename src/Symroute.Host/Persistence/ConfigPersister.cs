using System.Collections.Immutable;
using System.Text;
using Symroute.Backends;
using Symroute.Host.Files;
using Symroute.Host.Native;

namespace Symroute.Host.Persistence;

/// <summary>
/// Writes a rendering's files under a root directory, all or nothing, backing up whatever they
/// replace, and puts the originals back on request.
/// <para>
/// Persist first inspects every file and refuses, before anything is written: symbolic links
/// anywhere below the root, directories or special files at a file's path, path components that
/// are not directories, immutable or append-only files (chattr +i/+a: rename over them fails with
/// EPERM even for root), files without any write bit (the administrator made them read-only),
/// read-only file systems, and an existing file at one of symroute's drop-in paths
/// (<see cref="RenderedFile.Replaces"/> false) that symroute did not write (it lacks symroute's
/// header). Files whose contents and mode are already right are left alone (when all are,
/// nothing at all is written, not even the backup directory). Then it copies each
/// original it will replace into <c>BACKUPDIR/files/PATH</c> (same bytes, mode, owner and
/// group) and records it in <c>BACKUPDIR/manifest.json</c> (a path already recorded keeps its
/// first original), and only then writes the files (<see cref="RootFileWriter"/>: temporary file,
/// fsync, rename, directory fsync). If a write fails, the files already written are put back,
/// the directories it created removed, the manifest returned to what it was, and one
/// <see cref="PersistException"/> says so.
/// </para>
/// </summary>
public static class ConfigPersister
{
    /// <summary>What the second line of every file symroute writes whole starts with (<see cref="CommonFiles.Header"/>).</summary>
    public const string Marker = "# Written by symroute";

    private const UnixFileMode DirMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>Test seam: called with each file's path just before it is written (fault injection half-way).</summary>
    internal static readonly AsyncLocal<Action<string>?> BeforeWrite = new();

    private sealed record Pending(RenderedFile File, string Target, byte[] New, FileStatus? Status, byte[]? Old, bool Same, List<string> MissingDirs);

    public static PersistResult Persist(string root, IReadOnlyList<RenderedFile> files, string backupDir)
    {
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException("symroute writes configuration on Linux only");
        string rootFull = Full(root);
        string backupFull = Path.GetFullPath(backupDir);
        if (files.GroupBy(f => f.Path).FirstOrDefault(g => g.Count() > 1) is { } dup)
            throw new PersistException($"{dup.Key}: rendered twice; nothing was written");
        var manifest = BackupManifest.Load(backupFull);
        if (manifest is not null && manifest.Root != rootFull)
            throw new PersistException($"{backupFull}: holds backups of the root {manifest.Root}, not {rootFull}; nothing was written");

        var pending = files.Select(f => Inspect(rootFull, f)).ToList();
        var changed = pending.Where(p => !p.Same).ToList();
        // Nothing to write: nothing is touched, not even the backup directory.
        if (changed.Count == 0)
            return Result(pending, manifest, backupFull);

        // Backups and the manifest first: a crash while writing leaves a manifest Restore can use.
        var previous = manifest;
        manifest ??= new BackupManifest(rootFull, [], []);
        bool backupDirExisted = Directory.Exists(backupFull);
        var newBackups = new List<string>();
        var entries = manifest.Entries.ToBuilder();
        var dirs = manifest.Directories.ToBuilder();
        bool asRoot = LibC.GetEuid() == 0;
        try
        {
            if (!backupDirExisted)
                Directory.CreateDirectory(backupFull, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            foreach (var p in changed)
            {
                foreach (var d in p.MissingDirs)
                    if (!dirs.Contains(d)) dirs.Add(d);
                if (entries.Any(e => e.Path == p.File.Path))
                    continue;
                if (p.Old is null || p.Status is null)
                {
                    entries.Add(new BackupEntry(p.File.Path, false, null, null, null, null, null));
                    continue;
                }
                string rel = BackupManifest.FilesDir + "/" + p.File.Path;
                RootFileWriter.Write(backupFull, rel, p.Old, p.Status.Mode, asRoot ? (p.Status.Uid, p.Status.Gid) : null);
                newBackups.Add(Path.Combine(backupFull, rel));
                entries.Add(new BackupEntry(p.File.Path, true, rel, p.Status.Mode, p.Status.Uid, p.Status.Gid, BackupManifest.Hex(p.Old)));
            }
            var updated = manifest with { Entries = entries.ToImmutable(), Directories = dirs.ToImmutable() };
            if (previous is null || updated.Entries.Length != previous.Entries.Length || updated.Directories.Length != previous.Directories.Length)
                updated.Save(backupFull);
            manifest = updated;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            UndoBackups(backupFull, backupDirExisted, newBackups, previous);
            throw new PersistException($"cannot back up into {backupFull}: {e.Message}; nothing was written", e);
        }

        var createdDirs = new List<string>();
        var written = new List<Pending>();
        foreach (var p in changed)
        {
            try
            {
                foreach (var d in p.MissingDirs)
                {
                    string full = Path.Combine(rootFull, d);
                    if (Directory.Exists(full))
                        continue;
                    Directory.CreateDirectory(full, DirMode);
                    createdDirs.Add(full);
                    RootFileWriter.FsyncDirectory(Path.GetDirectoryName(full)!);
                }
                BeforeWrite.Value?.Invoke(p.File.Path);
                RootFileWriter.Write(rootFull, p.File.Path, p.New, p.File.Mode, p.Status is { } s ? (s.Uid, s.Gid) : null);
                written.Add(p);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                var problems = Undo(rootFull, written, createdDirs);
                UndoBackups(backupFull, backupDirExisted, newBackups, previous);
                string what = written.Count == 0 ? "nothing was changed"
                    : problems.Count == 0 ? $"nothing was changed (the {written.Count} file(s) already written were put back)"
                    : $"putting back the files already written failed too: {string.Join("; ", problems)}";
                throw new PersistException($"{p.File.Path}: {e.Message}; {what}", e);
            }
        }

        return Result(pending, manifest, backupFull);
    }

    private static PersistResult Result(List<Pending> pending, BackupManifest? manifest, string backupFull) =>
        new([.. pending.Select(p => new PersistedFile(
            p.File.Path,
            p.Status is not null,
            !p.Same,
            manifest?.Find(p.File.Path)?.Backup is { } b ? Path.Combine(backupFull, b) : null))]);

    /// <summary>
    /// Puts back what the manifest in <paramref name="backupDir"/> recorded: each original byte for
    /// byte with its mode, owner and group; files that did not exist are deleted; directories
    /// symroute created are removed when empty. Files already as recorded are left alone, so a
    /// second call does nothing. Every file is attempted; failures are reported together at the end.
    /// A backup directory that does not exist means Persist wrote nothing: nothing to restore.
    /// </summary>
    /// <returns>The paths (relative to the root) that were restored or deleted.</returns>
    public static IReadOnlyList<string> Restore(string root, string backupDir)
    {
        string rootFull = Full(root);
        string backupFull = Path.GetFullPath(backupDir);
        // Persist creates the backup directory only when it writes something.
        if (!Directory.Exists(backupFull))
            return [];
        var manifest = BackupManifest.Load(backupFull)
            ?? throw new PersistException($"{backupFull}: no symroute backup manifest ({BackupManifest.FileName}) there; nothing restored");
        if (manifest.Root != rootFull)
            throw new PersistException($"{backupFull}: holds backups of the root {manifest.Root}, not {rootFull}; nothing restored");
        uint euid = LibC.GetEuid(), egid = LibC.GetEgid();
        var restored = new List<string>();
        var errors = new List<string>();
        foreach (var e in manifest.Entries.Reverse())
        {
            try
            {
                string target = RootFileWriter.Resolve(rootFull, e.Path);
                var st = FileStatus.Of(target);
                if (st is not null && st.Kind != FileStatusKind.Regular)
                    throw new IOException($"is a {Describe(st.Kind)} now; symroute leaves it alone");
                if (e.Existed)
                {
                    byte[] bytes = File.ReadAllBytes(Path.Combine(backupFull, e.Backup!));
                    if (BackupManifest.Hex(bytes) != e.Sha256)
                        throw new IOException($"its backup {Path.Combine(backupFull, e.Backup!)} does not match the checksum in the manifest");
                    if (st is not null && st.Mode == e.Mode && st.Uid == e.Uid && st.Gid == e.Gid && File.ReadAllBytes(target).AsSpan().SequenceEqual(bytes))
                        continue;
                    (uint, uint)? owner = euid == 0 || (e.Uid == euid && e.Gid == egid) ? (e.Uid!.Value, e.Gid!.Value) : null;
                    RootFileWriter.Write(rootFull, e.Path, bytes, e.Mode!.Value, owner);
                    restored.Add(e.Path);
                }
                else if (st is not null)
                {
                    File.Delete(target);
                    RootFileWriter.FsyncDirectory(Path.GetDirectoryName(target)!);
                    restored.Add(e.Path);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                errors.Add($"{e.Path}: {ex.Message}");
            }
        }
        foreach (var d in manifest.Directories.Reverse())
            RemoveIfEmpty(Path.Combine(rootFull, d));
        if (errors.Count > 0)
            throw new PersistException($"restore under {rootFull} incomplete: {string.Join("; ", errors)}" +
                (restored.Count > 0 ? $" (restored: {string.Join(", ", restored)})" : ""));
        return restored;
    }

    /// <summary>
    /// Whether a file's text is one symroute wrote whole: its header (line 1 or 2 starts with
    /// <see cref="Marker"/>), or a network-scripts file that is only symroute's block.
    /// </summary>
    public static bool IsSymroutes(ReadOnlySpan<byte> contents)
    {
        var lines = Encoding.UTF8.GetString(contents).Replace("\r\n", "\n").Split('\n');
        if (lines.Take(2).Any(l => l.StartsWith(Marker, StringComparison.Ordinal)))
            return true;
        if (lines[0] != NetworkScriptsRenderer.BlockStart)
            return false;
        int end = Array.IndexOf(lines, NetworkScriptsRenderer.BlockEnd);
        return end > 0 && lines.Skip(end + 1).All(l => l.Trim().Length == 0);
    }

    private static Pending Inspect(string rootFull, RenderedFile f)
    {
        string target;
        try { target = RootFileWriter.Resolve(rootFull, f.Path); }
        catch (IOException e) { throw Refused(f, e.Message); }

        var missing = new List<string>();
        string deepest = rootFull;
        var parts = f.Path.Split('/');
        string rel = "";
        for (int i = 0; i < parts.Length - 1; i++)
        {
            rel = rel.Length == 0 ? parts[i] : rel + "/" + parts[i];
            if (missing.Count > 0)
            {
                missing.Add(rel);
                continue;
            }
            string full = Path.Combine(rootFull, rel);
            var ds = FileStatus.Of(full);
            if (ds is null)
                missing.Add(rel);
            else if (ds.Kind == FileStatusKind.SymbolicLink)
                throw Refused(f, $"{full} is a symbolic link; symroute does not write through links");
            else if (ds.Kind != FileStatusKind.Directory)
                throw Refused(f, $"{full} is a {Describe(ds.Kind)}, not a directory");
            else
                deepest = full;
        }

        byte[] bytes = Encoding.UTF8.GetBytes(f.Contents);
        var st = missing.Count > 0 ? null : FileStatus.Of(target);
        if (st is null)
        {
            CheckDirectory(f, deepest);
            return new Pending(f, target, bytes, null, null, false, missing);
        }
        if (st.Kind != FileStatusKind.Regular)
            throw Refused(f, st.Kind == FileStatusKind.SymbolicLink
                ? $"{target} is a symbolic link; symroute does not write through links"
                : $"{target} is a {Describe(st.Kind)}");
        byte[] old = File.ReadAllBytes(target);
        bool same = st.Mode == f.Mode && old.AsSpan().SequenceEqual(bytes);
        if (!f.Replaces && !IsSymroutes(old))
            throw Refused(f, $"{target} exists and was not written by symroute (no \"{Marker}\" header): it belongs to the administrator or another tool");
        if (!same)
        {
            if (st.Immutable)
                throw Refused(f, $"{target} is immutable (chattr +i)");
            if (st.AppendOnly)
                throw Refused(f, $"{target} is append-only (chattr +a)");
            if ((st.Mode & (UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) == 0)
                throw Refused(f, $"{target} is read-only (mode {BackupManifest.Octal(st.Mode)}); make it writable if symroute may replace it");
            if (LibC.Access(target, LibC.W_OK) != 0)
                throw Refused(f, $"{target}: {AccessError()}");
            CheckDirectory(f, Path.GetDirectoryName(target)!);
        }
        return new Pending(f, target, bytes, st, old, same, missing);
    }

    // Creating the temporary file and renaming it needs write and search permission on the directory.
    private static void CheckDirectory(RenderedFile f, string dir)
    {
        if (LibC.Access(dir, LibC.W_OK | LibC.X_OK) != 0)
            throw Refused(f, $"{dir}: {AccessError()}");
    }

    private static string AccessError()
    {
        int errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
        return errno switch
        {
            LibC.EROFS => "is on a read-only file system",
            LibC.EPERM => "is immutable (chattr +i) or otherwise not writable (EPERM)",
            _ => LibC.StrError(errno),
        };
    }

    private static PersistException Refused(RenderedFile f, string why) =>
        new($"refusing to write {f.Path}: {why}; nothing was written");

    private static List<string> Undo(string rootFull, List<Pending> written, List<string> createdDirs)
    {
        var problems = new List<string>();
        for (int i = written.Count - 1; i >= 0; i--)
        {
            var p = written[i];
            try
            {
                if (p.Old is not null && p.Status is { } s)
                    RootFileWriter.Write(rootFull, p.File.Path, p.Old, s.Mode, (s.Uid, s.Gid));
                else
                {
                    File.Delete(p.Target);
                    RootFileWriter.FsyncDirectory(Path.GetDirectoryName(p.Target)!);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add($"{p.File.Path}: {e.Message}");
            }
        }
        for (int i = createdDirs.Count - 1; i >= 0; i--)
            RemoveIfEmpty(createdDirs[i]);
        return problems;
    }

    private static void UndoBackups(string backupFull, bool backupDirExisted, List<string> newBackups, BackupManifest? previous)
    {
        try
        {
            if (!backupDirExisted)
            {
                if (Directory.Exists(backupFull)) Directory.Delete(backupFull, recursive: true);
                return;
            }
            foreach (var b in newBackups)
                File.Delete(b);
            if (previous is not null)
                previous.Save(backupFull);
            else
                File.Delete(Path.Combine(backupFull, BackupManifest.FileName));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The backups are only surplus copies now: the tree is what matters.
        }
    }

    private static void RemoveIfEmpty(string dir)
    {
        try
        {
            if (FileStatus.Of(dir) is { Kind: FileStatusKind.Directory } && !Directory.EnumerateFileSystemEntries(dir).Any())
            {
                Directory.Delete(dir);
                RootFileWriter.FsyncDirectory(Path.GetDirectoryName(dir)!);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Something else appeared in it, or it cannot be removed: leaving an empty directory is harmless.
        }
    }

    private static string Describe(FileStatusKind k) => k switch
    {
        FileStatusKind.Directory => "directory",
        FileStatusKind.SymbolicLink => "symbolic link",
        FileStatusKind.Regular => "regular file",
        _ => "special file",
    };

    private static string Full(string root) => Path.GetFullPath(root).TrimEnd('/') is { Length: > 0 } r ? r : "/";
}
