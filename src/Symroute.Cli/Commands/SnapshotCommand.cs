using Symroute.Host;
using Symroute.Model;
using Symroute.Sources;

namespace Symroute.Cli.Commands;

/// <summary><c>symroute snapshot [-o FILE] [--root DIR] [--netns NAME]</c>: the live host's routing state as one JSON file.</summary>
internal static class SnapshotCommand
{
    public const string Usage = """
        Usage: symroute snapshot [-o FILE] [--root DIR] [--netns NAME]

        Captures this host's routing state (links, addresses, routes of every table, rules,
        routing sysctls, table names, hostname, kernel release, time) as one JSON document,
        read over netlink: the ip command is not needed.

        Options:
          -o, --output FILE   write to FILE (atomically) instead of standard output ('-' = stdout)
          --root DIR          read files (/proc/sys, /etc/iproute2, …) under DIR instead of /
          --netns NAME        capture network namespace NAME (as 'ip netns exec NAME')
          -h, --help          show this help
        """;

    public static int Run(ReadOnlySpan<string> args, TextWriter stdout, TextWriter stderr)
    {
        string? output = null, netns = null;
        string root = "/";
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            switch (a)
            {
                case "-h" or "--help":
                    stdout.WriteLine(Usage);
                    return ExitCode.Ok;
                case "-o" or "--output" or "--root" or "--netns":
                    if (i + 1 >= args.Length)
                        return UsageError(stderr, $"option '{a}' needs a value");
                    string v = args[++i];
                    if (a is "--root") root = v;
                    else if (a is "--netns") netns = v;
                    else output = v;
                    break;
                default:
                    if (a.StartsWith("--output=", StringComparison.Ordinal)) output = a["--output=".Length..];
                    else if (a.StartsWith("--root=", StringComparison.Ordinal)) root = a["--root=".Length..];
                    else if (a.StartsWith("--netns=", StringComparison.Ordinal)) netns = a["--netns=".Length..];
                    else return UsageError(stderr, a.StartsWith('-') ? $"unknown option '{a}'" : $"unexpected argument '{a}'");
                    break;
            }
        }
        if (!Directory.Exists(root))
            throw new InputException($"--root {root}: no such directory");

        var state = HostReader.Read(root, netns);

        if (output is null or "-")
        {
            stdout.Write(System.Text.Encoding.UTF8.GetString(SnapshotWriter.Write(state)));
            stdout.Flush();
        }
        else
            WriteAtomically(output, state);
        return ExitCode.Ok;
    }

    /// <summary>Writes beside the target then renames, so a reader never sees half a snapshot.</summary>
    private static void WriteAtomically(string path, HostState state)
    {
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(dir))
            throw new InputException($"-o {path}: directory {dir} does not exist");
        string temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                SnapshotWriter.Write(state, file);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
    }

    private static int UsageError(TextWriter stderr, string message)
    {
        stderr.WriteLine($"symroute snapshot: {message} (see 'symroute snapshot --help')");
        return ExitCode.CouldNotCheck;
    }
}
