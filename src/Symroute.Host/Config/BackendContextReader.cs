using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Symroute.Backends;
using Symroute.Model;

namespace Symroute.Host.Config;

/// <summary>
/// <c>--backend auto</c>: what manages each of the host's interfaces, read under a root directory
/// (the same files and precedence as <see cref="NetworkConfigReader"/>), with the handle each
/// renderer attaches its drop-ins to: the netplan ID and renderer, the .network unit, the
/// NetworkManager profile and its keyfile, and the files a renderer must extend.
/// </summary>
public static partial class BackendContextReader
{
    public static BackendContext Read(string root, HostState host)
    {
        var config = NetworkConfigReader.Read(root);
        var list = ImmutableArray.CreateBuilder<InterfaceConfig>();
        var files = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var link in host.Links)
        {
            if (link.IsLoopback || config.For(link.Name) is not { } c)
                continue;
            string rel = c.Origin.TrimStart('/');
            string? text = TryRead(root, rel);
            var backend = c.Backend switch
            {
                NetworkBackend.Netplan => Backend.Netplan,
                NetworkBackend.NetworkManager => Backend.NetworkManager,
                NetworkBackend.Networkd => Backend.Networkd,
                NetworkBackend.Ifupdown => Backend.Ifupdown,
                _ => Backend.NetworkScripts,
            };
            list.Add(backend switch
            {
                Backend.Netplan => new InterfaceConfig(link.Name, backend, IsPlainName(c.Name) ? c.Name : link.Name, rel, Dhcp4: c.Dhcp,
                    NetplanRenderer: text is null ? null : NetplanRendererOf(text), NetplanSection: text is null ? null : NetplanSectionOf(text, c.Name)),
                Backend.Networkd => new InterfaceConfig(link.Name, backend, Path.GetFileName(rel), rel, Dhcp4: c.Dhcp),
                Backend.NetworkManager => new InterfaceConfig(link.Name, backend, text is null ? null : KeyfileId(text), rel, text, c.Dhcp),
                _ => new InterfaceConfig(link.Name, backend, link.Name, rel, Dhcp4: c.Dhcp),
            });
            if (backend == Backend.NetworkScripts)
                foreach (var kind in new[] { "route", "rule", "route6", "rule6" })
                {
                    string path = $"etc/sysconfig/network-scripts/{kind}-{link.Name}";
                    if (TryRead(root, path) is { } existing) files[path] = existing;
                }
        }
        return new BackendContext(list.ToImmutable(),
            IfupdownSourcesDropIns: TryRead(root, "etc/network/interfaces") is { } ifaces ? SourcesDropIns().IsMatch(ifaces) : null,
            NftablesIncludesDropIns: TryRead(root, "etc/nftables.conf") is { } nft ? nft.Contains("/etc/nftables.d/", StringComparison.Ordinal) : null,
            Files: files.Count == 0 ? null : files.ToImmutable());
    }

    private static string? TryRead(string root, string relative)
    {
        string path = Path.Combine(root, relative);
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new Sources.InputException($"{Path.Combine("/", relative)}: {e.Message}", e);
        }
    }

    private static bool IsPlainName(string name) => name.Length > 0 && name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.' or '@');

    /// <summary>netplan(5): <c>renderer:</c> under <c>network:</c> or a device section; networkd when absent.</summary>
    private static string NetplanRendererOf(string yaml) =>
        NetplanRenderer().Match(yaml) is { Success: true } m && m.Groups[1].Value.Equals("NetworkManager", StringComparison.OrdinalIgnoreCase) ? "NetworkManager" : "networkd";

    /// <summary>The device-type section (<c>ethernets</c>, <c>bonds</c>, <c>vlans</c>, …) holding the ID.</summary>
    private static string NetplanSectionOf(string yaml, string id)
    {
        string? section = null;
        foreach (var line in yaml.Split('\n'))
        {
            if (NetplanSectionLine().Match(line) is { Success: true } s) section = s.Groups[1].Value;
            else if (section is not null && line.TrimStart().StartsWith(id + ":", StringComparison.Ordinal)) return section;
        }
        return "ethernets";
    }

    private static string? KeyfileId(string keyfile) => KeyfileIdLine().Match(keyfile) is { Success: true } m ? m.Groups[1].Value.Trim() : null;

    [GeneratedRegex(@"^\s*renderer:\s*""?([A-Za-z]+)", RegexOptions.Multiline)]
    private static partial Regex NetplanRenderer();

    [GeneratedRegex(@"^  (ethernets|bonds|bridges|vlans|wifis|tunnels|vrfs|modems|dummy-devices|virtual-ethernets):\s*$")]
    private static partial Regex NetplanSectionLine();

    [GeneratedRegex(@"^id=(.*)$", RegexOptions.Multiline)]
    private static partial Regex KeyfileIdLine();

    [GeneratedRegex(@"^\s*(source\s+(/etc/network/)?interfaces\.d/\*|source-directory\s+(/etc/network/)?interfaces\.d)\s*$", RegexOptions.Multiline)]
    private static partial Regex SourcesDropIns();
}
