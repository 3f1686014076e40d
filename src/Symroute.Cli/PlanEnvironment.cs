using Symroute.Backends;
using Symroute.Model;

namespace Symroute.Cli;

/// <summary>What <c>plan</c> needs from the outside world, injectable so that tests run the command in-process.</summary>
public sealed class PlanEnvironment
{
    /// <summary>The host's state: the snapshot named (<c>-</c> for stdin), or the live host when null.</summary>
    public required Func<string?, TextReader, HostState> LoadState { get; init; }
    /// <summary>The persistent network configuration under a root directory (backend detection).</summary>
    public required Func<string, HostState, BackendContext> ReadBackends { get; init; }
    /// <summary>Writes one file under the root (atomically); returns whether it changed.</summary>
    public required Func<string, RenderedFile, bool> WriteFile { get; init; }

    public static PlanEnvironment Process { get; } = new()
    {
        LoadState = StateLoader.Load,
        ReadBackends = (_, _) => BackendContext.Empty,
        WriteFile = (root, f) => Host.Files.RootFileWriter.Write(root, f.Path, f.Contents, f.Mode),
    };
}
