using Symroute.Host;
using Symroute.Model;

namespace Symroute.Cli;

/// <summary>What <c>apply</c>, <c>confirm</c> and <c>revert</c> need from the outside world.</summary>
public sealed class ApplyEnvironment
{
    /// <summary>The live host (netlink and /proc/sys of this network namespace).</summary>
    public required Func<HostState> ReadHost { get; init; }
    /// <summary>The network configuration under the root (backend detection), as for plan.</summary>
    public required Func<string, HostState, Backends.BackendContext> ReadBackends { get; init; }
    public bool StdinIsTerminal { get; init; }
    /// <summary>This process's command line without its arguments (to start the --try watchdog); the argument is how many arguments it had.</summary>
    public required Func<string[]> SelfCommand { get; init; }
    /// <summary>Test hook SYMROUTE_FAULT_AT_STEP=K: the apply fails before its K-th change, as if the kernel refused it.</summary>
    public int? FaultAtStep { get; init; }

    /// <summary>The real process; <paramref name="argumentCount"/> is how many arguments it was started with.</summary>
    public static ApplyEnvironment Process(int argumentCount) => new()
    {
        ReadHost = () => HostReader.Read(),
        ReadBackends = PlanEnvironment.Process.ReadBackends,
        StdinIsTerminal = !Console.IsInputRedirected,
        SelfCommand = () => Host.Apply.SelfCommand.Prefix(argumentCount),
        FaultAtStep = int.TryParse(Environment.GetEnvironmentVariable("SYMROUTE_FAULT_AT_STEP"), out int k) && k > 0 ? k : null,
    };
}
