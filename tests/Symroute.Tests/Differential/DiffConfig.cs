using System.Collections.Immutable;

namespace Symroute.Tests.Differential;

/// <summary>
/// A generated host configuration: the commands that build it (the kernel decides which of them
/// take effect) and what the generator knows about it, from which queries are drawn.
/// </summary>
/// <param name="Seed">Replays this configuration exactly (<c>ConfigGenerator.Generate(Seed)</c>).</param>
/// <param name="Devices">Host-side veth names, eth0….</param>
/// <param name="Steps">Commands in the order they are run.</param>
/// <param name="Knowledge">Addresses, gateways, prefixes, marks, ports and uids the configuration uses.</param>
public sealed record DiffConfig(int Seed, ImmutableArray<string> Devices, ImmutableArray<ConfigStep> Steps, ConfigKnowledge Knowledge)
{
    public string Describe() => string.Join('\n', Steps.Select(s => s.ToShell()));
}
