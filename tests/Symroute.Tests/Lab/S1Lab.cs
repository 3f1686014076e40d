using System.Net;
using System.Net.Sockets;
using System.Text;
using Symroute.Host;

namespace Symroute.Tests.Lab;

/// <summary>
/// scenarios.md S1 in three network namespaces. A client (203.0.113.10) sits behind a stateful
/// firewall namespace (nftables: forward policy drop, <c>ct state established,related accept</c>,
/// new connections only from the client side; strict rp_filter; forwarding on) that routes to
/// both of the server's interfaces: eth0 192.168.1.50/24 (default via 192.168.1.1) and eth1
/// 10.10.20.50/24 (its gateway 10.10.20.1 serves the replication network 10.20.0.0/16).
/// A SYN to 10.10.20.50 arrives on eth1; the SYN-ACK leaves eth0 (main's default) and reaches the
/// firewall on the wrong side, where strict reverse-path filtering (fib_validate_source) drops
/// it: the connection times out until the server routes replies by source.
/// The server's own rp_filter is off, so the firewall is what drops. Everything is deleted on
/// Dispose. Needs root and nft (<see cref="NftLabFactAttribute"/>).
/// </summary>
public sealed class S1Lab : IDisposable
{
    public const string ClientAddress = "203.0.113.10";
    public const string Eth0Address = "192.168.1.50";
    public const string Eth0Gateway = "192.168.1.1";
    public const string Eth1Address = "10.10.20.50";
    public const string Eth1Gateway = "10.10.20.1";

    /// <summary>The client's veth (<c>c0</c>) and the firewall's peer of it (<c>fc</c>), the firewall's side of the server's eth0 (<c>f0</c>) and eth1 (<c>f1</c>).</summary>
    public const string ClientDevice = "c0", FirewallClientDevice = "fc", FirewallEth0Device = "f0", FirewallEth1Device = "f1";

    public Netns Client { get; }
    public Netns Firewall { get; }
    public Netns Server { get; }

    private S1Lab(Netns client, Netns firewall, Netns server)
    {
        Client = client;
        Firewall = firewall;
        Server = server;
    }

    /// <summary>Builds the lab; namespaces are named <c>sr-PREFIX-cli-…</c>, <c>sr-PREFIX-fw-…</c>, <c>sr-PREFIX-srv-…</c>.</summary>
    public static S1Lab Create(string prefix)
    {
        var made = new List<Netns>();
        try
        {
            var client = Netns.Create(prefix + "-cli"); made.Add(client);
            var fw = Netns.Create(prefix + "-fw"); made.Add(fw);
            var server = Netns.Create(prefix + "-srv"); made.Add(server);
            Build(client, fw, server);
            return new S1Lab(client, fw, server);
        }
        catch
        {
            foreach (var ns in made) ns.Dispose();
            throw;
        }
    }

    private static void Build(Netns client, Netns fw, Netns server)
    {
        Netns.Run("ip", "link", "add", ClientDevice, "netns", client.Name, "type", "veth", "peer", "name", FirewallClientDevice, "netns", fw.Name);
        Netns.Run("ip", "link", "add", FirewallEth0Device, "netns", fw.Name, "type", "veth", "peer", "name", "eth0", "netns", server.Name);
        Netns.Run("ip", "link", "add", FirewallEth1Device, "netns", fw.Name, "type", "veth", "peer", "name", "eth1", "netns", server.Name);
        client.IpBatch([
            $"link set {ClientDevice} up",
            $"addr add {ClientAddress}/24 dev {ClientDevice}",
            "route add default via 203.0.113.1",
        ]);
        fw.IpBatch([
            $"link set {FirewallClientDevice} up", $"link set {FirewallEth0Device} up", $"link set {FirewallEth1Device} up",
            $"addr add 203.0.113.1/24 dev {FirewallClientDevice}",
            $"addr add {Eth0Gateway}/24 dev {FirewallEth0Device}",
            $"addr add {Eth1Gateway}/24 dev {FirewallEth1Device}",
        ]);
        fw.Exec("sysctl", "-qw", "net.ipv4.ip_forward=1", "net.ipv4.conf.all.rp_filter=1");
        var rules = fw.TryExec($$"""
            table inet filter {
              chain forward {
                type filter hook forward priority 0; policy drop;
                ct state established,related accept
                iifname "{{FirewallClientDevice}}" ct state new accept
              }
            }
            """, "nft", "-f", "-");
        if (rules.Status != 0)
            throw new InvalidOperationException($"nft in {fw.Name}: {rules.Stderr.Trim()}");
        server.IpBatch([
            "link set eth0 up", "link set eth1 up",
            $"addr add {Eth0Address}/24 dev eth0",
            $"addr add {Eth1Address}/24 dev eth1",
            $"route add default via {Eth0Gateway} dev eth0",
            $"route add 10.20.0.0/16 via {Eth1Gateway} dev eth1",
        ]);
        // The server's own filter stays out of the way: the firewall is what drops here.
        server.Exec("sysctl", "-qw", "net.ipv4.conf.all.rp_filter=0", "net.ipv4.conf.eth0.rp_filter=0", "net.ipv4.conf.eth1.rp_filter=0");
    }

    /// <summary>A TCP listener in the server namespace (default: on eth1's address).</summary>
    public LabListener Listen(int port, string address = Eth1Address) => LabListener.Start(Server, address, port);

    /// <summary>
    /// Connects from the client to <paramref name="address"/>:<paramref name="port"/> and reads the
    /// first line; null when the connection or the line does not arrive within <paramref name="timeout"/>
    /// (a SYN-ACK dropped on the way back leaves connect() retrying until then).
    /// </summary>
    public string? Connect(string address, int port, TimeSpan timeout) => ConnectFrom(Client, address, port, timeout);

    /// <summary>Whether the client connects to <paramref name="address"/>:<paramref name="port"/> and gets the listener's greeting within <paramref name="timeout"/>.</summary>
    public bool Connects(string address, int port, TimeSpan timeout) => Connect(address, port, timeout) == LabListener.Greeting;

    /// <summary>As <see cref="Connect"/>, but keeps the connection open: null on timeout. The socket stays in the client's namespace; the listener echoes what is sent.</summary>
    public Socket? Open(string address, int port, TimeSpan timeout)
    {
        var socket = NetnsScope.Run(Client.Name, () => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        if (Greet(socket, address, port, timeout) == LabListener.Greeting) return socket;
        socket.Dispose();
        return null;
    }

    /// <summary>Connects from <paramref name="ns"/> and reads the first line; null on timeout.</summary>
    public static string? ConnectFrom(Netns ns, string address, int port, TimeSpan timeout)
    {
        using var socket = NetnsScope.Run(ns.Name, () => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        return Greet(socket, address, port, timeout);
    }

    private static string? Greet(Socket socket, string address, int port, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            socket.ConnectAsync(new IPEndPoint(IPAddress.Parse(address), port), cts.Token).AsTask().GetAwaiter().GetResult();
            var buffer = new byte[64];
            int n = socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token).AsTask().GetAwaiter().GetResult();
            return Encoding.ASCII.GetString(buffer, 0, n).Trim();
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary><c>ip -json -4 rule</c> and <c>ip -json -6 rule</c> of <paramref name="ns"/>, one per line.</summary>
    public static string Rules(Netns ns) => ns.Ip("-json", "-4", "rule").Trim() + "\n" + ns.Ip("-json", "-6", "rule").Trim();

    /// <summary><c>ip -json -4 route show table all</c> and the same for IPv6, one per line.</summary>
    public static string Routes(Netns ns) => ns.Ip("-json", "-4", "route", "show", "table", "all").Trim() + "\n" + ns.Ip("-json", "-6", "route", "show", "table", "all").Trim();

    /// <summary>The server's full routing state (rules and routes of every table, both families), for assertion messages.</summary>
    public string Dump() => $"rules:\n{Rules(Server)}\nroutes:\n{Routes(Server)}";

    public void Dispose()
    {
        Server.Dispose();
        Firewall.Dispose();
        Client.Dispose();
    }
}
