namespace Symroute.Host.Netlink.Wire;

/// <summary>
/// A netlink operation failed (socket refused, kernel error on a dump, …). An
/// <see cref="IOException"/>, so the CLI reports it as one line with exit status 3.
/// </summary>
public sealed class NetlinkException : IOException
{
    public NetlinkException(string message, int errno = 0) : base(message) => Errno = errno;

    /// <summary>The positive errno, or 0 when the failure is not an errno.</summary>
    public int Errno { get; }

    /// <summary>EPERM / EACCES: the caller lacks the privilege.</summary>
    public bool IsPermissionDenied => Errno is 1 or 13;
}
