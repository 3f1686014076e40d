using Symroute.Host.Native;

namespace Symroute.Host.Files;

/// <summary>What lstat (statx without following links) says about a path.</summary>
/// <param name="Kind">Regular file, directory, symbolic link or other (from the S_IFMT bits).</param>
/// <param name="Mode">The permission bits (07777).</param>
/// <param name="Immutable">chattr +i: even root cannot replace or rename over it (EPERM).</param>
/// <param name="AppendOnly">chattr +a: cannot be replaced either.</param>
public sealed record FileStatus(FileStatusKind Kind, UnixFileMode Mode, uint Uid, uint Gid, ulong Inode, long MtimeSeconds, uint MtimeNanoseconds, bool Immutable, bool AppendOnly)
{
    /// <summary>The path's status, or null when nothing is there. Symbolic links are not followed.</summary>
    public static unsafe FileStatus? Of(string path)
    {
        byte* buf = stackalloc byte[256];
        new Span<byte>(buf, 256).Clear();
        if (LibC.Statx(LibC.AT_FDCWD, path, LibC.AT_SYMLINK_NOFOLLOW, LibC.STATX_BASIC_STATS, buf) != 0)
        {
            int errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
            if (errno is LibC.ENOENT or 20 /* ENOTDIR */)
                return null;
            throw new IOException($"{path}: {LibC.StrError(errno)}");
        }
        ulong attributes = *(ulong*)(buf + 8);
        uint uid = *(uint*)(buf + 20), gid = *(uint*)(buf + 24);
        ushort mode = *(ushort*)(buf + 28);
        ulong ino = *(ulong*)(buf + 32);
        long mtime = *(long*)(buf + 112);
        uint mtimeNs = *(uint*)(buf + 120);
        var kind = (mode & 0xf000) switch
        {
            0x8000 => FileStatusKind.Regular,
            0x4000 => FileStatusKind.Directory,
            0xa000 => FileStatusKind.SymbolicLink,
            _ => FileStatusKind.Other,
        };
        return new FileStatus(kind, (UnixFileMode)(mode & 0xfff), uid, gid, ino, mtime, mtimeNs,
            (attributes & LibC.STATX_ATTR_IMMUTABLE) != 0, (attributes & LibC.STATX_ATTR_APPEND) != 0);
    }
}
