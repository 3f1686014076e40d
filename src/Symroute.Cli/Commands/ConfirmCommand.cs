using Symroute.Host.Apply;
using Symroute.Sources;

namespace Symroute.Cli.Commands;

/// <summary><c>symroute confirm</c>: keeps the change of a running <c>apply --try</c>.</summary>
public static class ConfirmCommand
{
    public const string Help = """
        Usage: symroute confirm [--root DIR]

        Keeps the change of an 'apply --try' that is waiting for confirmation: marks its journal
        confirmed (the applying process and its watchdog then stop waiting and revert nothing).

        Options:
          --root DIR   the root the apply was given; default /

        Exit status: 0 confirmed; 1 nothing to confirm (no trial waiting: never started, already
        confirmed, or already reverted); 3 error.
        """;

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        string root = "/";
        for (int i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help":
                    stdout.WriteLine(Help);
                    return ExitCode.Ok;
                case "--root" when i + 1 < args.Count:
                    root = args[++i];
                    break;
                default:
                    throw new InputException($"confirm: unknown argument '{args[i]}' (see 'symroute confirm --help')");
            }
        }
        if (!File.Exists(ApplyPaths.Journal(root)))
        {
            stderr.WriteLine($"symroute: confirm: nothing to confirm: no apply journal ({ApplyPaths.Journal(root)})");
            return ExitCode.Warning;
        }
        bool confirmed = false;
        var j = ApplyTransaction.Transition(root, x =>
        {
            confirmed = x.State == JournalState.Trial;
            return confirmed ? x with { State = JournalState.Confirmed } : null;
        });
        if (confirmed && j is not null)
        {
            ApplyCommand.StopWatchdog(root);
            stdout.WriteLine($"symroute: confirmed apply {j.Id}: the change stays");
            return ExitCode.Ok;
        }
        stderr.WriteLine($"symroute: confirm: nothing to confirm: the last apply ({j?.Id}) is {(j is null ? "gone" : JournalStateNames.Format(j.State))}");
        return ExitCode.Warning;
    }
}
