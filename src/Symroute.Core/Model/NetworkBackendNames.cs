namespace Symroute.Model;

/// <summary>The names <c>--backend</c> and reports use for <see cref="NetworkBackend"/>.</summary>
public static class NetworkBackendNames
{
    public static string ToName(this NetworkBackend backend) => backend switch
    {
        NetworkBackend.Netplan => "netplan",
        NetworkBackend.NetworkManager => "networkmanager",
        NetworkBackend.Networkd => "networkd",
        NetworkBackend.Ifupdown => "ifupdown",
        _ => "network-scripts",
    };
}
