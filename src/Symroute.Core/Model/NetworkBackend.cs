namespace Symroute.Model;

/// <summary>A network configuration system that can manage an interface and persist its routes and rules.</summary>
public enum NetworkBackend : byte
{
    /// <summary>netplan YAML (/etc/netplan), rendered to networkd or NetworkManager.</summary>
    Netplan,
    /// <summary>NetworkManager keyfiles (system-connections/*.nmconnection).</summary>
    NetworkManager,
    /// <summary>systemd-networkd (.network units).</summary>
    Networkd,
    /// <summary>Debian ifupdown (/etc/network/interfaces).</summary>
    Ifupdown,
    /// <summary>RHEL initscripts (/etc/sysconfig/network-scripts).</summary>
    NetworkScripts,
}
