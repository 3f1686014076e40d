using System.Runtime.InteropServices;

namespace Symroute.Host.Native;

/// <summary>File metadata calls for persistence: statx (owner, mode, inode, immutable flag), access, lchown.</summary>
internal static unsafe partial class LibC
{
    public const int EACCES = 13;
    public const int EPERM = 1;
    public const int EROFS = 30;
    public const int ENOENT = 2;

    public const int AT_FDCWD = -100;
    public const int AT_SYMLINK_NOFOLLOW = 0x100;
    public const uint STATX_BASIC_STATS = 0x7ff;
    /// <summary>stx_attributes bits (include/uapi/linux/stat.h): chattr +i and +a.</summary>
    public const ulong STATX_ATTR_IMMUTABLE = 0x10;
    public const ulong STATX_ATTR_APPEND = 0x20;
    public const int W_OK = 2;
    public const int X_OK = 1;

    // struct statx has the same layout on every architecture (256 bytes), unlike struct stat.
    [LibraryImport(Lib, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Statx(int dirfd, string path, int flags, uint mask, byte* buf);

    [LibraryImport(Lib, EntryPoint = "access", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Access(string path, int mode);

    [LibraryImport(Lib, EntryPoint = "lchown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LChown(string path, uint uid, uint gid);

    [LibraryImport(Lib, EntryPoint = "geteuid")]
    public static partial uint GetEuid();

    [LibraryImport(Lib, EntryPoint = "getegid")]
    public static partial uint GetEgid();
}
