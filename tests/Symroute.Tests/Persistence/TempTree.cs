using System.Runtime.Versioning;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Symroute.Host.Files;

namespace Symroute.Tests.Persistence;

/// <summary>
/// A temporary directory holding a root (<see cref="Root"/>) and a backup directory beside it
/// (<see cref="Backup"/>), with exact snapshots of a tree (every entry's type, mode, owner and
/// contents) to compare before and after. Removes immutable flags and mounts it made on Dispose.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class TempTree : IDisposable
{
    public string Dir { get; } = Path.Combine(Path.GetTempPath(), $"symroute-persist-{Environment.ProcessId}-{Guid.NewGuid():N}");
    public string Root => Path.Combine(Dir, "root");
    public string Backup => Path.Combine(Dir, "backup");
    private readonly List<string> _immutable = [];
    private readonly List<string> _mounts = [];

    public TempTree() => Directory.CreateDirectory(Root);

    /// <summary>Writes a file under the root (parents 0755), with exactly this mode.</summary>
    public string Seed(string relative, string contents, UnixFileMode mode)
    {
        string path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes(contents));
        File.SetUnixFileMode(path, mode);
        return path;
    }

    public void Chattr(string flag, string path)
    {
        Run("chattr", flag, path);
        if (flag == "+i") _immutable.Add(path);
    }

    /// <summary>Bind-mounts a directory onto itself read-only (root only).</summary>
    public void ReadOnlyMount(string dir)
    {
        Run("mount", "--bind", dir, dir);
        _mounts.Add(dir);
        Run("mount", "-o", "remount,bind,ro", dir, dir);
    }

    public static void Run(params string[] argv)
    {
        var psi = new ProcessStartInfo(argv[0]) { RedirectStandardError = true };
        foreach (var a in argv.Skip(1)) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{string.Join(' ', argv)}: {err}");
    }

    /// <summary>Every entry below <paramref name="dir"/>: type, mode, owner, and the contents' SHA-256 (links: their target).</summary>
    public static string Snapshot(string dir)
    {
        if (!Directory.Exists(dir)) return "<absent>";
        var sb = new StringBuilder();
        foreach (var path in Directory.EnumerateFileSystemEntries(dir, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }).Order(StringComparer.Ordinal))
        {
            var st = FileStatus.Of(path)!;
            sb.Append(Path.GetRelativePath(dir, path)).Append(' ').Append(st.Kind).Append(' ').Append(Convert.ToString((int)st.Mode, 8))
              .Append(' ').Append(st.Uid).Append(':').Append(st.Gid);
            if (st.Kind == FileStatusKind.Regular) sb.Append(' ').Append(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));
            if (st.Kind == FileStatusKind.SymbolicLink) sb.Append(" -> ").Append(new FileInfo(path).LinkTarget);
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Inode and mtime of every file: unchanged when nothing was rewritten.</summary>
    public static string Stamps(string dir)
    {
        var sb = new StringBuilder();
        foreach (var path in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var st = FileStatus.Of(path)!;
            sb.Append(Path.GetRelativePath(dir, path)).Append(' ').Append(st.Inode).Append(' ').Append(st.MtimeSeconds).Append('.').Append(st.MtimeNanoseconds).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>The files below <paramref name="dir"/> with their modes and contents, for golden files.</summary>
    public static string Dump(string dir)
    {
        var sb = new StringBuilder();
        foreach (var path in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            sb.Append("== ").Append(Path.GetRelativePath(dir, path)).Append(" (mode ").Append(Convert.ToString((int)File.GetUnixFileMode(path), 8).PadLeft(4, '0')).Append(")\n");
            sb.Append(File.ReadAllText(path));
        }
        return sb.ToString();
    }

    public void Dispose()
    {
        foreach (var m in Enumerable.Reverse(_mounts))
            try { Run("umount", m); } catch (InvalidOperationException) { }
        foreach (var f in _immutable)
            try { Run("chattr", "-i", f); } catch (InvalidOperationException) { }
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
