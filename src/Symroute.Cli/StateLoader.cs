using Symroute.Host;
using Symroute.Model;
using Symroute.Sources;

namespace Symroute.Cli;

/// <summary>
/// Where every command gets host state: <c>--snapshot FILE</c> (<c>-</c> for stdin) when given,
/// else the live host (netlink and /proc/sys). Unreadable or malformed input is an
/// <see cref="InputException"/> (exit 3).
/// </summary>
internal static class StateLoader
{
    /// <summary>The option every state-reading command accepts.</summary>
    public const string SnapshotOption = "--snapshot";

    public static HostState Load(string? snapshot, TextReader stdin)
    {
        if (snapshot is not null)
        {
            if (snapshot == "-")
                return SnapshotReader.Read(stdin.ReadToEnd(), "<stdin>");
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(snapshot);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InputException($"{snapshot}: {e.Message}", e);
            }
            return SnapshotReader.Read(bytes, snapshot);
        }
        return LiveHost();
    }

    /// <summary>This host (the current network namespace) over netlink, files under /.</summary>
    private static HostState LiveHost() => HostReader.Read();
}
