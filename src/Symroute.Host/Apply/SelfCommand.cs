namespace Symroute.Host.Apply;

/// <summary>
/// The command line that started this process, without its arguments: <c>/usr/sbin/symroute</c> for
/// the native binary, <c>dotnet exec … symroute.dll</c> when run on the shared framework. The
/// watchdog is started with it, so it is the same symroute whatever way it was run.
/// </summary>
public static class SelfCommand
{
    /// <param name="argumentCount">How many trailing words of /proc/self/cmdline are this run's arguments.</param>
    public static string[] Prefix(int argumentCount)
    {
        var words = File.ReadAllText("/proc/self/cmdline").Split('\0');
        if (words.Length > 0 && words[^1].Length == 0)
            words = words[..^1];
        int keep = words.Length - argumentCount;
        if (keep < 1)
            return [Environment.ProcessPath ?? "symroute"];
        return words[..keep];
    }
}
