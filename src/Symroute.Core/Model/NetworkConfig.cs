using System.Collections.Immutable;

namespace Symroute.Model;

/// <summary>
/// The host's network configuration as its backends declare it: which backend manages each
/// interface and which routes and rules survive a reboot. Read from files under a root directory.
/// </summary>
/// <param name="Interfaces">Declarations in precedence order: the first that matches an interface manages it.</param>
/// <param name="Files">Every configuration file read, relative to the root.</param>
public sealed record NetworkConfig(
    ImmutableArray<ConfiguredInterface> Interfaces,
    ImmutableArray<string> Files)
{
    public static NetworkConfig Empty { get; } = new([], []);

    /// <summary>The declaration managing <paramref name="dev"/>, if any.</summary>
    public ConfiguredInterface? For(string dev) => Interfaces.FirstOrDefault(i => i.Matches(dev));
}
