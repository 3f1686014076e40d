using Symroute.Backends;
using Symroute.Model;

namespace Symroute.Tests.Planning;

/// <summary>
/// What backend detection would find on a host configured the usual way for each backend: the
/// handle each interface's drop-ins attach to (netplan ID, .network unit, NetworkManager profile
/// with its keyfile), and whether IPv4 comes from DHCP.
/// </summary>
public static class BackendContexts
{
    public static BackendContext For(Backend backend, HostState host)
    {
        if (backend == Backend.Runtime)
            return BackendContext.Empty;
        var list = new List<InterfaceConfig>();
        foreach (var link in host.Links.Where(l => !l.IsLoopback))
        {
            bool dhcp = host.Addresses.Any(a => a.Dev == link.Name && a.Family == Family.Inet && a.ValidLifetime is not null);
            list.Add(backend switch
            {
                Backend.Netplan => new InterfaceConfig(link.Name, backend, link.Name, "etc/netplan/50-cloud-init.yaml", Dhcp4: dhcp, NetplanRenderer: "networkd", NetplanSection: "ethernets"),
                Backend.Networkd => new InterfaceConfig(link.Name, backend, $"10-{link.Name}.network", $"etc/systemd/network/10-{link.Name}.network", Dhcp4: dhcp),
                Backend.NetworkManager => new InterfaceConfig(link.Name, backend, $"Wired {link.Name}",
                    $"etc/NetworkManager/system-connections/Wired {link.Name}.nmconnection", Keyfile(host, link.Name, dhcp), dhcp),
                _ => new InterfaceConfig(link.Name, backend, link.Name, null, Dhcp4: dhcp),
            });
        }
        return new BackendContext([.. list], IfupdownSourcesDropIns: backend == Backend.Ifupdown ? true : null);
    }

    /// <summary>The keyfile an administrator (or nmcli) would have written for the interface.</summary>
    public static string Keyfile(HostState host, string dev, bool dhcp)
    {
        var v4 = host.Addresses.Where(a => a.Dev == dev && a.Family == Family.Inet && !a.IsSecondary).ToList();
        var v6 = host.Addresses.Where(a => a.Dev == dev && a.Family == Family.Inet6 && !a.Local.IsIPv6LinkLocal).ToList();
        var sb = new System.Text.StringBuilder();
        sb.Append($"[connection]\nid=Wired {dev}\nuuid=5f8a9c1e-0000-4000-8000-{dev.Sum(c => (int)c):x12}\ntype=ethernet\ninterface-name={dev}\n\n[ethernet]\n\n[ipv4]\n");
        if (dhcp || v4.Count == 0) sb.Append(v4.Count == 0 ? "method=disabled\n" : "method=auto\n");
        else
        {
            // As nmcli writes it: the gateway after the first address.
            var gw = host.Routes.FirstOrDefault(r => r.Family == Family.Inet && r.Table == RouteTableId.Main && r.Dst.IsDefault && r.FirstNexthop?.Dev == dev);
            for (int i = 0; i < v4.Count; i++)
                sb.Append($"address{i + 1}={v4[i].Local}/{v4[i].PrefixLength}{(i == 0 && gw?.FirstNexthop?.Gateway is { } g ? "," + g : "")}\n");
            sb.Append("method=manual\n");
        }
        sb.Append("\n[ipv6]\naddr-gen-mode=default\n");
        if (v6.Count > 0) { for (int i = 0; i < v6.Count; i++) sb.Append($"address{i + 1}={v6[i].Local}/{v6[i].PrefixLength}\n"); sb.Append("method=manual\n"); }
        else sb.Append("method=auto\n");
        sb.Append("\n[proxy]\n");
        return sb.ToString();
    }
}
