using System.Collections.Immutable;

namespace Symroute.Host.Persistence;

/// <summary>What <see cref="BackendReloader.Reload"/> did or would do.</summary>
/// <param name="Commands">The commands, in order: run (<see cref="ReloadCommand.Ran"/>) or to be run.</param>
/// <param name="NotReloaded">Plain sentences: what the backend cannot take up without bouncing links, what was not run and why.</param>
/// <param name="DryRun">True when the root is not <c>/</c>: nothing was run.</param>
public sealed record ReloadOutcome(ImmutableArray<ReloadCommand> Commands, ImmutableArray<string> NotReloaded, bool DryRun)
{
    /// <summary>Whether a command failed (the files are in place, but the backend has not taken them up).</summary>
    public bool Failed => Commands.Any(c => c.Failed);
}
