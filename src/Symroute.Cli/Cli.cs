using Symroute.Sources;

namespace Symroute.Cli;

/// <summary>Entry point shared by Program and in-process tests: dispatches to one command per verb.</summary>
public static class Cli
{
    public const string Usage = """
        Usage: symroute COMMAND [OPTIONS]

        Find and fix asymmetric routing on multi-homed Linux hosts.

        Commands:
          check        report asymmetric routing and related problems (exit 0 ok, 1 warnings, 2 critical, 3 error)
          route get    ip route get, simulated offline, with --explain and --batch
          snapshot     capture this host's routing state to one JSON file
          plan         compute the fix, prove it by simulation, render it for the network backend
          apply        make the plan on the running system as one transaction (journal, rollback, --try)
          confirm      keep the change of a waiting 'apply --try'
          revert       undo the last apply from its journal

        Every command that reads host state accepts --snapshot FILE instead of the live host.
        Run 'symroute COMMAND --help' for a command's options.
        """;

    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
            {
                stdout.WriteLine(Usage);
                return args.Length == 0 ? ExitCode.CouldNotCheck : ExitCode.Ok;
            }
            switch (args[0])
            {
                case "check":
                    return Commands.CheckCommand.Run(args[1..], stdout, stderr, CheckEnvironment.Process);
                case "snapshot":
                    return Commands.SnapshotCommand.Run(args.AsSpan(1), stdout, stderr);
                case "route" when args.Length >= 2 && args[1] is "get" or "g" or "ge":
                    return Commands.RouteGetCommand.Run(args.AsSpan(2), stdin, stdout, stderr);
                case "route":
                    stderr.WriteLine("symroute: 'route' needs a subcommand: route get (see 'symroute route get --help')");
                    return ExitCode.CouldNotCheck;
                case "plan":
                    return Commands.PlanCommand.Run(args[1..], stdin, stdout, stderr, PlanEnvironment.Process);
                case "apply":
                    return Commands.ApplyCommand.Run(args[1..], stdin, stdout, stderr, ApplyEnvironment.Process(args.Length));
                case "confirm":
                    return Commands.ConfirmCommand.Run(args[1..], stdout, stderr);
                case "revert":
                    return Commands.RevertCommand.Run(args[1..], stdout, stderr);
                default:
                    stderr.WriteLine($"symroute: unknown command '{args[0]}' (see 'symroute --help')");
                    return ExitCode.CouldNotCheck;
            }
        }
        catch (InputException e)
        {
            stderr.WriteLine($"symroute: {e.Message}");
            return ExitCode.CouldNotCheck;
        }
        catch (UnauthorizedAccessException e)
        {
            stderr.WriteLine($"symroute: permission denied: {e.Message}");
            return ExitCode.CouldNotCheck;
        }
        catch (IOException e)
        {
            stderr.WriteLine($"symroute: {e.Message}");
            return ExitCode.CouldNotCheck;
        }
    }
}
