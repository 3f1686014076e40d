namespace Symroute.Backends;

/// <summary>
/// How one interface is configured persistently, as found under the root directory: which backend
/// manages it and the handle a drop-in must use to attach to its configuration.
/// </summary>
/// <param name="Dev">Interface name.</param>
/// <param name="Backend">The backend that manages it.</param>
/// <param name="Id">netplan: the device ID; NetworkManager: the connection id; networkd: the .network file name; ifupdown/network-scripts: the iface name.</param>
/// <param name="Path">The configuration file, relative to the root (<c>etc/NetworkManager/system-connections/eth1.nmconnection</c>).</param>
/// <param name="Contents">The file's text where a renderer must rewrite it (NetworkManager keyfile).</param>
/// <param name="Dhcp4">Whether IPv4 is configured by DHCP there, if known.</param>
/// <param name="NetplanRenderer">netplan only: <c>networkd</c> or <c>NetworkManager</c>.</param>
/// <param name="NetplanSection">netplan only: the device type section (<c>ethernets</c>, <c>bonds</c>, <c>vlans</c>, …).</param>
public sealed record InterfaceConfig(
    string Dev,
    Backend Backend,
    string? Id = null,
    string? Path = null,
    string? Contents = null,
    bool? Dhcp4 = null,
    string? NetplanRenderer = null,
    string? NetplanSection = null);
