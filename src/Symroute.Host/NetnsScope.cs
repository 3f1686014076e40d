using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using Symroute.Host.Native;
using Symroute.Sources;

namespace Symroute.Host;

/// <summary>
/// Runs code inside a named network namespace (as <c>ip netns exec</c>, without a process): on a
/// dedicated thread that first joins the namespace with setns(CLONE_NEWNET). The thread ends
/// with the call, so no other code ever runs in the namespace by accident. Netlink sockets opened
/// and /proc/sys/net files read on that thread belong to the namespace.
/// </summary>
public static class NetnsScope
{
    /// <summary>Where <c>ip netns add</c> keeps its namespaces.</summary>
    public const string NetnsDirectory = "/var/run/netns";

    /// <summary>
    /// Runs <paramref name="action"/> in namespace <paramref name="name"/> (a name under
    /// /var/run/netns, or a path such as /proc/PID/ns/net) and returns its result; its exceptions
    /// are rethrown here. No such namespace → <see cref="InputException"/>; setns refused →
    /// <see cref="UnauthorizedAccessException"/>.
    /// </summary>
    public static T Run<T>(string name, Func<T> action)
    {
        string path = name.Contains('/') ? name : Path.Combine(NetnsDirectory, name);
        if (name.Length == 0 || name is "." or "..")
            throw new InputException($"netns '{name}': not a namespace name");
        Microsoft.Win32.SafeHandles.SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputException($"netns '{name}': no such network namespace ({path} does not exist)");
        }

        using (handle)
        {
            T result = default!;
            ExceptionDispatchInfo? failure = null;
            var thread = new Thread(() =>
            {
                try
                {
                    if (LibC.SetNs((int)handle.DangerousGetHandle(), LibC.CLONE_NEWNET) != 0)
                    {
                        int errno = Marshal.GetLastPInvokeError();
                        string why = LibC.StrError(errno);
                        throw errno is 1 or 13
                            ? new UnauthorizedAccessException($"cannot enter network namespace '{name}': {why}")
                            : new InputException($"netns '{name}': cannot enter it: {why}");
                    }
                    result = action();
                }
                catch (Exception e)
                {
                    failure = ExceptionDispatchInfo.Capture(e);
                }
            }, maxStackSize: 16 * 1024 * 1024)
            {
                IsBackground = true,
                Name = "netns " + name,
            };
            thread.Start();
            thread.Join();
            failure?.Throw();
            return result;
        }
    }
}
