using System.Text.Json;

namespace Symroute.Tests.Lab;

/// <summary>
/// scenarios.md S4 on top of <see cref="S1Lab"/>: a namespace standing in for a container
/// (172.17.0.2/16 behind the server's <c>docker0</c> veth, 172.17.0.1/16) and Docker's published
/// port: DNAT of 10.10.20.50:8080 (eth1's address) to 172.17.0.2:80, masquerade for the
/// container's own traffic, forwarding on. The client reaches 10.10.20.50:8080 through the
/// firewall's eth1 side; the container's reply is forwarded with source 172.17.0.2 and un-NATed
/// only in POSTROUTING (after the routing decision), so it follows main's default out of eth0.
/// Counters after the un-NAT (postrouting priority 300, after srcnat 100) count the replies
/// leaving each of eth0 and eth1 with source 10.10.20.50:8080.
/// </summary>
public sealed class S4Lab : IDisposable
{
    public const string ContainerAddress = "172.17.0.2";
    public const string BridgeAddress = "172.17.0.1";
    public const int PublishedPort = 8080;
    public const int ContainerPort = 80;

    public S1Lab S1 { get; }
    public Netns Container { get; }
    public Netns Client => S1.Client;
    public Netns Server => S1.Server;

    private S4Lab(S1Lab s1, Netns container)
    {
        S1 = s1;
        Container = container;
    }

    public static S4Lab Create(string prefix)
    {
        var s1 = S1Lab.Create(prefix);
        Netns? container = null;
        try
        {
            container = Netns.Create(prefix + "-ctr");
            Netns.Run("ip", "link", "add", "docker0", "netns", s1.Server.Name, "type", "veth", "peer", "name", "eth0", "netns", container.Name);
            container.IpBatch([
                "link set eth0 up",
                $"addr add {ContainerAddress}/16 dev eth0",
                $"route add default via {BridgeAddress}",
            ]);
            s1.Server.IpBatch(["link set docker0 up", $"addr add {BridgeAddress}/16 dev docker0"]);
            s1.Server.Exec("sysctl", "-qw", "net.ipv4.ip_forward=1", "net.ipv4.conf.docker0.rp_filter=0");
            var nft = s1.Server.TryExec($$"""
                table ip nat {
                  chain prerouting {
                    type nat hook prerouting priority dstnat; policy accept;
                    ip daddr {{S1Lab.Eth1Address}} tcp dport {{PublishedPort}} dnat to {{ContainerAddress}}:{{ContainerPort}}
                  }
                  chain postrouting {
                    type nat hook postrouting priority srcnat; policy accept;
                    ip saddr 172.17.0.0/16 oifname != "docker0" masquerade
                  }
                }
                table inet probe {
                  counter eth0_replies {
                  }
                  counter eth1_replies {
                  }
                  chain postrouting {
                    type filter hook postrouting priority 300; policy accept;
                    oifname "eth0" ip saddr {{S1Lab.Eth1Address}} tcp sport {{PublishedPort}} counter name "eth0_replies"
                    oifname "eth1" ip saddr {{S1Lab.Eth1Address}} tcp sport {{PublishedPort}} counter name "eth1_replies"
                  }
                }
                """, "nft", "-f", "-");
            if (nft.Status != 0)
                throw new InvalidOperationException($"nft in {s1.Server.Name}: {nft.Stderr.Trim()}");
            return new S4Lab(s1, container);
        }
        catch
        {
            container?.Dispose();
            s1.Dispose();
            throw;
        }
    }

    /// <summary>The "container"'s service on 172.17.0.2:80.</summary>
    public LabListener Listen() => LabListener.Start(Container, ContainerAddress, ContainerPort);

    /// <summary>Whether the client connects to the published port 10.10.20.50:8080 and gets the greeting.</summary>
    public bool Connects(TimeSpan timeout) => S1.Connects(S1Lab.Eth1Address, PublishedPort, timeout);

    /// <summary>Packets with source 10.10.20.50:8080 (un-NATed replies) that left the server by <paramref name="dev"/> (eth0 or eth1).</summary>
    public long Replies(string dev)
    {
        string json = Server.Exec("nft", "-j", "list", "counter", "inet", "probe", dev + "_replies");
        using var doc = JsonDocument.Parse(json);
        foreach (var e in doc.RootElement.GetProperty("nftables").EnumerateArray())
            if (e.TryGetProperty("counter", out var c))
                return c.GetProperty("packets").GetInt64();
        throw new InvalidOperationException($"no counter {dev}_replies in: {json}");
    }

    public void ResetCounters() => Server.Exec("nft", "reset", "counters", "table", "inet", "probe");

    public void Dispose()
    {
        Container.Dispose();
        S1.Dispose();
    }
}
