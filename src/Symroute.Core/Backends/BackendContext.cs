using System.Collections.Immutable;

namespace Symroute.Backends;

/// <summary>What the renderers know of the host's persistent configuration (read under the root by the host layer).</summary>
/// <param name="Interfaces">Per interface, the backend that manages it and its handle.</param>
/// <param name="IfupdownSourcesDropIns">ifupdown: whether /etc/network/interfaces sources interfaces.d (null: unknown).</param>
/// <param name="NftablesIncludesDropIns">Whether /etc/nftables.conf includes /etc/nftables.d (null: unknown).</param>
/// <param name="Files">Existing files a renderer has to extend rather than create (network-scripts' route-IF, …), by path relative to the root.</param>
public sealed record BackendContext(
    ImmutableArray<InterfaceConfig> Interfaces,
    bool? IfupdownSourcesDropIns = null,
    bool? NftablesIncludesDropIns = null,
    ImmutableDictionary<string, string>? Files = null)
{
    public string? FileText(string path) => Files is not null && Files.TryGetValue(path, out var t) ? t : null;

    public static BackendContext Empty { get; } = new([]);

    public InterfaceConfig? For(string dev) => Interfaces.FirstOrDefault(i => i.Dev == dev);
}
