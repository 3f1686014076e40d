using System.Text;
using Symroute.Host.Native;

namespace Symroute.Host.Files;

/// <summary>
/// Writes files under a root directory the way configuration must be written: to a temporary file
/// in the same directory, flushed to disk (fsync), then renamed over the target, so a crash leaves
/// either the old file or the new one, never half of one; the directory is fsynced after the
/// rename. Symbolic links are refused anywhere on the path below the root (a link could point the
/// write outside the root or into a file another tool owns), as are paths that leave the root.
/// </summary>
public static class RootFileWriter
{
    /// <summary>Writes <paramref name="contents"/> to <c>ROOT/relative</c> with <paramref name="mode"/>; creates missing directories (0755).</summary>
    /// <returns>True when the file changed, false when it already had exactly these contents and mode.</returns>
    public static bool Write(string root, string relative, string contents, UnixFileMode mode) =>
        Write(root, relative, Encoding.UTF8.GetBytes(contents), mode, null);

    /// <summary>Writes exactly <paramref name="bytes"/> (a backup restored byte for byte); with <paramref name="owner"/>, the
    /// new file gets that owner and group before it is renamed into place (a replaced file keeps its owner).</summary>
    /// <returns>True when the file changed, false when it already had exactly these contents, mode (and owner).</returns>
    public static bool Write(string root, string relative, byte[] bytes, UnixFileMode mode, (uint Uid, uint Gid)? owner)
    {
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException("symroute writes configuration on Linux only");
        string target = Resolve(root, relative);
        string dir = Path.GetDirectoryName(target)!;
        CreateDirectories(root, dir);

        // lstat: FileInfo.Exists is false for a directory, and a link must not be followed.
        var status = FileStatus.Of(target);
        if (status is not null)
        {
            if (status.Kind == FileStatusKind.SymbolicLink)
                throw new IOException($"{target}: is a symbolic link; symroute does not write through links");
            if (status.Kind == FileStatusKind.Directory)
                throw new IOException($"{target}: is a directory");
            if (status.Kind != FileStatusKind.Regular)
                throw new IOException($"{target}: is not a regular file");
            if (File.GetUnixFileMode(target) == mode && File.ReadAllBytes(target).AsSpan().SequenceEqual(bytes)
                && (owner is not { } o || (status.Uid == o.Uid && status.Gid == o.Gid)))
                return false;
        }

        string temp = Path.Combine(dir, $".{Path.GetFileName(target)}.symroute-{Environment.ProcessId}.tmp");
        try
        {
            using (var fs = new FileStream(temp, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = mode,
            }))
            {
                fs.Write(bytes);
                fs.Flush(flushToDisk: true);
            }
            // The umask may have masked bits off the create mode.
            File.SetUnixFileMode(temp, mode);
            if (owner is { } own && FileStatus.Of(temp) is { } ts && (ts.Uid != own.Uid || ts.Gid != own.Gid)
                && LibC.LChown(temp, own.Uid, own.Gid) != 0)
                throw new IOException($"{target}: cannot give it owner {own.Uid}:{own.Gid}: {LibC.StrError(System.Runtime.InteropServices.Marshal.GetLastPInvokeError())}");
            // chown clears set-id bits: set the mode again.
            if (owner is not null) File.SetUnixFileMode(temp, mode);
            File.Move(temp, target, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { }
            throw;
        }
        FsyncDirectory(dir);
        return true;
    }

    /// <summary>ROOT/relative, refusing absolute or escaping paths and symbolic links below the root.</summary>
    public static string Resolve(string root, string relative)
    {
        if (Path.IsPathRooted(relative) || relative.Split('/').Any(p => p is ".." or "." or ""))
            throw new IOException($"{relative}: not a plain path below the root");
        string full = Path.GetFullPath(Path.Combine(root, relative));
        string rootFull = Path.GetFullPath(root).TrimEnd('/') + "/";
        if (!full.StartsWith(rootFull, StringComparison.Ordinal))
            throw new IOException($"{relative}: leaves the root {root}");
        // Every existing component between the root and the file must be a real directory.
        string current = rootFull.TrimEnd('/');
        var parts = relative.Split('/');
        for (int i = 0; i < parts.Length - 1; i++)
        {
            current = current + "/" + parts[i];
            var di = new DirectoryInfo(current);
            if (di.LinkTarget is not null)
                throw new IOException($"{current}: is a symbolic link; symroute does not write through links");
        }
        return full;
    }

    private static void CreateDirectories(string root, string dir)
    {
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException();
        if (Directory.Exists(dir))
            return;
        Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }

    // rename(2) is durable only once the directory entry is on disk too.
    internal static void FsyncDirectory(string dir)
    {
        int fd = LibC.Open(dir, LibC.O_RDONLY | LibC.O_DIRECTORY);
        if (fd < 0)
            return;
        try { LibC.Fsync(fd); }
        finally { LibC.Close(fd); }
    }
}
