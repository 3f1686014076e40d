namespace Symroute.Simulation;

/// <summary>strerror() texts, as <c>ip</c> prints them after <c>RTNETLINK answers: </c>.</summary>
public static class ErrnoText
{
    public static string Message(Errno errno) => errno switch
    {
        Errno.EACCES => "Permission denied",
        Errno.EXDEV => "Invalid cross-device link",
        Errno.ENODEV => "No such device",
        Errno.EINVAL => "Invalid argument",
        Errno.EMSGSIZE => "Message too long",
        Errno.EOPNOTSUPP => "Operation not supported",
        Errno.ENETUNREACH => "Network is unreachable",
        Errno.EHOSTUNREACH => "No route to host",
        _ => $"Unknown error {(int)errno}",
    };
}
