using System.Collections.Immutable;

namespace Symroute.Host.Persistence;

/// <summary>
/// Runs nothing: records each command and answers with success, or with what <see cref="Answer"/>
/// says for it (tests inject failures that way).
/// </summary>
public sealed class RecordingCommandRunner : ICommandRunner
{
    private readonly List<ImmutableArray<string>> _commands = [];

    /// <summary>The result for a command; null answers success.</summary>
    public Func<IReadOnlyList<string>, CommandResult?>? Answer { get; init; }

    public IReadOnlyList<ImmutableArray<string>> Commands => _commands;

    public CommandResult Run(IReadOnlyList<string> argv)
    {
        _commands.Add([.. argv]);
        return Answer?.Invoke(argv) ?? CommandResult.Ok;
    }
}
