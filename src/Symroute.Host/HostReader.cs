using Symroute.Host.Native;
using Symroute.Host.Netlink;
using Symroute.Model;

namespace Symroute.Host;

/// <summary>
/// Reads the whole routing state of the live host, or of one of its network namespaces: links,
/// addresses, routes and rules over rtnetlink (no <c>ip</c> binary needed), sysctls from
/// /proc/sys/net, table names from the iproute2 configuration, hostname and kernel release.
/// Files are read under <c>root</c> (default <c>/</c>), so tests can point it at a fake tree.
/// </summary>
public static class HostReader
{
    /// <param name="root">Directory standing for <c>/</c> for every file read.</param>
    /// <param name="netns">Read this named network namespace (<c>ip netns</c> name) instead of the caller's.</param>
    /// <param name="time">Clock for <see cref="HostState.CapturedAt"/>.</param>
    public static HostState Read(string root = "/", string? netns = null, TimeProvider? time = null)
    {
        var captured = (time ?? TimeProvider.System).GetUtcNow();
        // Netlink and /proc/sys/net answer for the network namespace of the calling thread.
        var (rtnl, sysctls) = netns is null
            ? ReadNamespaced(root)
            : NetnsScope.Run(netns, () => ReadNamespaced(root));

        return new HostState(
            Links: rtnl.Links,
            Addresses: rtnl.Addresses,
            Routes: rtnl.Routes,
            Rules: rtnl.Rules,
            Sysctls: sysctls,
            TableNames: TableNamesReader.Read(root),
            Hostname: Hostname(root),
            KernelRelease: KernelRelease(root),
            CapturedAt: captured,
            // Not observable from userspace: the simulator infers it from the rules.
            LocalTableMerged: null);
    }

    private static (RtnlState, Sysctls) ReadNamespaced(string root) => (RtnlReader.Read(), SysctlReader.Read(root));

    private static string? Hostname(string root) =>
        ReadLine(HostPaths.Under(root, "/proc/sys/kernel/hostname"))
        ?? (IsRealRoot(root) ? Environment.MachineName : null);

    private static string? KernelRelease(string root) =>
        ReadLine(HostPaths.Under(root, "/proc/sys/kernel/osrelease"))
        ?? (IsRealRoot(root) ? Uname.Release() : null);

    private static bool IsRealRoot(string root) => Path.GetFullPath(root) == "/";

    private static string? ReadLine(string path)
    {
        try
        {
            if (!File.Exists(path))
                return null;
            string s = File.ReadAllText(path).Trim();
            return s.Length == 0 ? null : s;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
