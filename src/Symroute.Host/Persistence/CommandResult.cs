namespace Symroute.Host.Persistence;

/// <summary>How a command ended: its exit status (127: not found, as a shell says) and what it printed.</summary>
public sealed record CommandResult(int ExitStatus, string Output, string Error)
{
    public static CommandResult Ok { get; } = new(0, "", "");
}
