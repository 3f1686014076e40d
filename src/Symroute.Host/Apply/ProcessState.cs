namespace Symroute.Host.Apply;

/// <summary>Whether a process is still running (not gone, not a zombie waiting to be reaped).</summary>
public static class ProcessState
{
    public static bool IsAlive(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            // "pid (comm) S ...": the state follows the last ')'.
            int close = stat.LastIndexOf(')');
            return close > 0 && close + 2 < stat.Length && stat[close + 2] is not ('Z' or 'X');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>True when <paramref name="pid"/> runs a command line containing <paramref name="word"/> (guards against a reused pid).</summary>
    public static bool Runs(int pid, string word)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Split('\0').Contains(word);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Sends SIGTERM.</summary>
    public static void Terminate(int pid) => Native.LibC.Kill(pid, 15);
}
