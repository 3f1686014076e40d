using Symroute.Backends;
using Symroute.Host.Persistence;
using Symroute.Model;

namespace Symroute.Cli;

/// <summary>What <c>plan</c> needs from the outside world, injectable so that tests run the command in-process.</summary>
public sealed class PlanEnvironment
{
    /// <summary>The host's state: the snapshot named (<c>-</c> for stdin), or the live host when null.</summary>
    public required Func<string?, TextReader, HostState> LoadState { get; init; }
    /// <summary>The persistent network configuration under a root directory (backend detection).</summary>
    public required Func<string, HostState, BackendContext> ReadBackends { get; init; }
    /// <summary>Writes the rendered files under the root (ROOT, FILES, BACKUPDIR): all or nothing, backing up what they replace.</summary>
    public required Func<string, IReadOnlyList<RenderedFile>, string, PersistResult> Persist { get; init; }
    /// <summary>The routing table names (iproute2's rt_tables and rt_tables.d) under a root directory; null keeps the loaded state's.</summary>
    public Func<string, TableNames>? ReadTableNames { get; init; }
    /// <summary>The live host's firewall (so that connection marks already in place are kept); null when not read.</summary>
    public Func<(Firewall? Firewall, string? Unavailable)>? ReadFirewall { get; init; }

    public static PlanEnvironment Process { get; } = new()
    {
        LoadState = StateLoader.Load,
        ReadBackends = Host.Config.BackendContextReader.Read,
        Persist = ConfigPersister.Persist,
        ReadTableNames = root => Host.TableNamesReader.Read(root),
        ReadFirewall = Host.Netfilter.FirewallReader.Read,
    };
}
