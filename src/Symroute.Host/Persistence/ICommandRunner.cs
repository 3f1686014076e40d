namespace Symroute.Host.Persistence;

/// <summary>Runs a program (no shell) and waits for it: the real one (<see cref="ProcessCommandRunner"/>) or a recording fake.</summary>
public interface ICommandRunner
{
    CommandResult Run(IReadOnlyList<string> argv);
}
