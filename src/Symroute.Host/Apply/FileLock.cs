using System.Runtime.InteropServices;
using Symroute.Host.Native;

namespace Symroute.Host.Apply;

/// <summary>
/// An exclusive flock(2) on a file. The kernel drops it when the process dies, even by SIGKILL, so a
/// killed apply never leaves the host locked. The descriptor is close-on-exec: the watchdog a
/// --try apply starts does not inherit it.
/// </summary>
public sealed class FileLock : IDisposable
{
    private int _fd;

    private FileLock(int fd) => _fd = fd;

    /// <summary>Takes the lock, or returns null at once when another process holds it.</summary>
    public static FileLock? TryAcquire(string path) => Acquire(path, wait: false);

    /// <summary>Takes the lock, waiting for it.</summary>
    public static FileLock Wait(string path) => Acquire(path, wait: true)!;

    private static FileLock? Acquire(string path, bool wait)
    {
        int fd = LibC.OpenMode(path, LibC.O_RDWR | LibC.O_CREAT | LibC.O_CLOEXEC, 0x180 /* 0600 */);
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno is 1 or 13)
                throw new UnauthorizedAccessException($"{path}: {LibC.StrError(errno)}");
            throw new IOException($"{path}: {LibC.StrError(errno)}");
        }
        while (true)
        {
            if (LibC.Flock(fd, LibC.LOCK_EX | (wait ? 0 : LibC.LOCK_NB)) == 0)
                return new FileLock(fd);
            int errno = Marshal.GetLastPInvokeError();
            if (errno == LibC.EINTR)
                continue;
            LibC.Close(fd);
            if (errno == LibC.EWOULDBLOCK && !wait)
                return null;
            throw new IOException($"{path}: flock: {LibC.StrError(errno)}");
        }
    }

    public void Dispose()
    {
        int fd = _fd;
        _fd = -1;
        if (fd >= 0)
            LibC.Close(fd);
    }
}
