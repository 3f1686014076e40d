using Symroute.Backends;
using Symroute.Model;
using Symroute.Sources;

namespace Symroute.Cli;

/// <summary>What <c>plan</c> needs from the outside world, injectable so that tests run the command in-process.</summary>
public sealed class PlanEnvironment
{
    public required Func<HostState> ReadHost { get; init; }
    public required Func<string, HostState> ReadSnapshot { get; init; }
    /// <summary>The persistent network configuration under a root directory (backend detection).</summary>
    public required Func<string, HostState, BackendContext> ReadBackends { get; init; }
    /// <summary>Writes one file under the root (atomically); returns whether it changed.</summary>
    public required Func<string, RenderedFile, bool> WriteFile { get; init; }

    public static PlanEnvironment Process { get; } = new()
    {
        ReadHost = () => Host.HostReader.Read(),
        ReadSnapshot = ReadSnapshotFile,
        ReadBackends = (_, _) => BackendContext.Empty,
        WriteFile = (root, f) => Host.Files.RootFileWriter.Write(root, f.Path, f.Contents, f.Mode),
    };

    private static HostState ReadSnapshotFile(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: {e.Message}");
        }
        return SnapshotReader.Read(bytes, path);
    }
}
