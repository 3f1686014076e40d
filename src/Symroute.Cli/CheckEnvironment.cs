using System.Collections.Immutable;
using Symroute.Host;
using Symroute.Host.Config;
using Symroute.Host.Netfilter;
using Symroute.Host.Sockets;
using Symroute.Model;
using Symroute.Sources;

namespace Symroute.Cli;

/// <summary>What <c>check</c> needs from the outside world, injectable so that tests run the command in-process.</summary>
public sealed class CheckEnvironment
{
    public required Func<HostState> ReadHost { get; init; }
    public required Func<string, HostState> ReadSnapshot { get; init; }
    public required Func<string, NetworkConfig> ReadConfig { get; init; }
    public required Func<(Firewall? Firewall, string? Unavailable)> ReadFirewall { get; init; }
    public required Func<ImmutableArray<ListeningSocket>> ReadSockets { get; init; }
    public required Func<string, string?> GetVariable { get; init; }
    public bool StdoutIsTerminal { get; init; }

    public static CheckEnvironment Process { get; } = new()
    {
        // The routing state is always the live host's; --root only moves the configuration files.
        ReadHost = () => HostReader.Read(),
        ReadSnapshot = path => SnapshotReader.Read(File.ReadAllBytes(path), path),
        ReadConfig = NetworkConfigReader.Read,
        ReadFirewall = FirewallReader.Read,
        ReadSockets = UdpSocketReader.Read,
        GetVariable = Environment.GetEnvironmentVariable,
        StdoutIsTerminal = !Console.IsOutputRedirected,
    };
}
