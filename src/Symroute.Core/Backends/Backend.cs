namespace Symroute.Backends;

/// <summary>Where a plan is rendered to: the running kernel, or one of the network configuration systems that persist it.</summary>
public enum Backend
{
    /// <summary><c>ip</c>/<c>nft</c>/<c>sysctl</c> commands for the running system (lost at reboot).</summary>
    Runtime,
    Netplan,
    NetworkManager,
    Networkd,
    Ifupdown,
    /// <summary>RHEL/CentOS network-scripts (initscripts): <c>route-IF</c>, <c>rule-IF</c>, …</summary>
    NetworkScripts,
}
