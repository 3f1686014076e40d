using Symroute.Host.Apply;
using Symroute.Sources;

namespace Symroute.Cli.Commands;

/// <summary><c>symroute revert</c>: undoes the last apply from its journal (and, hidden, the --try watchdog).</summary>
public static class RevertCommand
{
    public const string Help = """
        Usage: symroute revert [--root DIR]

        Undoes the last 'symroute apply' from its journal (ROOT/var/lib/symroute/journal.json): every
        rule and route it added is removed, every one it removed is put back, sysctls get their old
        values, its nftables table is removed, the configuration files it wrote (--persist) are
        restored byte for byte from its backup (files that did not exist are removed), and the state of everything it touched is read back and
        compared with the journal's record of it. Also finishes an apply that was killed half-way.
        Nothing symroute did not change is touched.

        Options:
          --root DIR   the root the apply was given; default /

        Exit status: 0 reverted and verified; 1 nothing to revert (no journal, or already reverted or
        rolled back); 3 could not start (bad arguments, not root, an apply running); 4 reverted as far
        as possible but the state differs from the journal's (listed).
        """;

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        string root = "/";
        bool watchdog = false;
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
                case Watchdog.Option:
                    watchdog = true;
                    break;
                default:
                    throw new InputException($"revert: unknown argument '{args[i]}' (see 'symroute revert --help')");
            }
        }
        if (watchdog)
        {
            Watchdog.Run(root);
            return ExitCode.Ok;
        }

        var journal = JournalFile.Read(root);
        if (journal is null || !JournalStateNames.IsInEffect(journal.State))
        {
            stderr.WriteLine(journal is null
                ? $"symroute: revert: nothing to revert: no apply journal ({ApplyPaths.Journal(root)})"
                : $"symroute: revert: nothing to revert: the last apply ({journal.Id}) is {JournalStateNames.Format(journal.State)}");
            return ExitCode.Warning;
        }
        ApplyPaths.EnsureDir(root);
        using var held = FileLock.TryAcquire(ApplyPaths.Lock(root));
        if (held is null)
        {
            stderr.WriteLine($"symroute: revert: an apply is running ({ApplyPaths.Lock(root)} is locked); a --try apply reverts by itself unless confirmed");
            return ExitCode.CouldNotCheck;
        }
        journal = JournalFile.Read(root)!;
        stdout.WriteLine($"symroute: reverting apply {journal.Id} ({journal.Steps.Length} change{(journal.Steps.Length == 1 ? "" : "s")}):");
        var r = ApplyTransaction.Revert(root, journal, stdout);
        foreach (var f in r.Files)
            stdout.WriteLine($"  restored {f}");
        if (r.Restored)
        {
            stdout.WriteLine("symroute: reverted; the state of everything the apply touched is as the journal recorded it");
            return ExitCode.Ok;
        }
        stderr.WriteLine($"symroute: revert incomplete: {string.Join("; ", r.Errors.Concat(r.Differences).Take(10))}");
        return ExitCode.RollbackFailed;
    }
}
