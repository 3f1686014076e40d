using System.Collections.Immutable;

namespace Symroute.Host.Persistence;

/// <summary>One command a backend needs after its files changed.</summary>
/// <param name="Argv">The program and its arguments.</param>
/// <param name="Why">What it does, in a sentence.</param>
/// <param name="Ran">Whether it was run (false: dry run, or an earlier command failed).</param>
/// <param name="ExitStatus">Its exit status when it ran.</param>
/// <param name="Error">The first line of what it printed on failure.</param>
public sealed record ReloadCommand(ImmutableArray<string> Argv, string Why, bool Ran = false, int? ExitStatus = null, string? Error = null)
{
    /// <summary>The command as a shell line.</summary>
    public string Text => string.Join(' ', Argv.Select(Symroute.Backends.NetworkManagerRenderer.ShellQuote));

    public bool Failed => ExitStatus is int s && s != 0;
}
