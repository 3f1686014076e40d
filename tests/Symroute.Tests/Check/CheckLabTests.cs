using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Symroute.Host;
using Symroute.Tests.Lab;
using Xunit;

namespace Symroute.Tests.Check;

/// <summary>
/// S1 in network namespaces, tried as a new user would. A client (203.0.113.10) sits behind a
/// stateful firewall namespace (nftables: forward policy drop, <c>ct state established,related
/// accept</c>, new connections only from the client side; strict rp_filter; forwarding on) that
/// routes to both of the server's interfaces: eth0 192.168.1.50/24 (default via 192.168.1.1) and
/// eth1 10.10.20.50/24 (its gateway 10.10.20.1 serves the replication network 10.20.0.0/16).
/// A SYN to 10.10.20.50 arrives on eth1; the SYN-ACK leaves eth0 and reaches the firewall on the
/// wrong side, where strict reverse-path filtering drops it: the connection times out.
/// </summary>
public class CheckLabTests
{
    [NftLabFact]
    public void S1_lab_asymmetric_reply_times_out_until_fixed_by_hand()
    {
        using var client = Netns.Create("chk-cli");
        using var fw = Netns.Create("chk-fw");
        using var server = Netns.Create("chk-srv");
        Netns.Run("ip", "link", "add", "c0", "netns", client.Name, "type", "veth", "peer", "name", "fc", "netns", fw.Name);
        Netns.Run("ip", "link", "add", "f0", "netns", fw.Name, "type", "veth", "peer", "name", "eth0", "netns", server.Name);
        Netns.Run("ip", "link", "add", "f1", "netns", fw.Name, "type", "veth", "peer", "name", "eth1", "netns", server.Name);
        client.IpBatch([
            "link set c0 up",
            "addr add 203.0.113.10/24 dev c0",
            "route add default via 203.0.113.1",
        ]);
        fw.IpBatch([
            "link set fc up", "link set f0 up", "link set f1 up",
            "addr add 203.0.113.1/24 dev fc",
            "addr add 192.168.1.1/24 dev f0",
            "addr add 10.10.20.1/24 dev f1",
        ]);
        fw.Exec("sysctl", "-qw", "net.ipv4.ip_forward=1", "net.ipv4.conf.all.rp_filter=1");
        var rules = fw.TryExec("""
            table inet filter {
              chain forward {
                type filter hook forward priority 0; policy drop;
                ct state established,related accept
                iifname "fc" ct state new accept
              }
            }
            """, "nft", "-f", "-");
        Assert.True(rules.Status == 0, rules.Stderr);
        server.IpBatch([
            "link set eth0 up", "link set eth1 up",
            "addr add 192.168.1.50/24 dev eth0",
            "addr add 10.10.20.50/24 dev eth1",
            "route add default via 192.168.1.1 dev eth0",
            "route add 10.20.0.0/16 via 10.10.20.1 dev eth1",
        ]);
        // The server's own filter stays out of the way: the firewall is what drops here.
        server.Exec("sysctl", "-qw", "net.ipv4.conf.all.rp_filter=0", "net.ipv4.conf.eth0.rp_filter=0", "net.ipv4.conf.eth1.rp_filter=0");

        string root = Directory.CreateTempSubdirectory("sr-check-root-").FullName;
        using var listener = NetnsScope.Run(server.Name, () =>
        {
            var l = new TcpListener(IPAddress.Parse("10.10.20.50"), 8080);
            l.Start();
            return l;
        });
        var serving = Task.Run(async () =>
        {
            while (true)
            {
                using var c = await listener.AcceptTcpClientAsync();
                await c.GetStream().WriteAsync(Encoding.ASCII.GetBytes("hello\n"));
            }
        });
        try
        {
            // Before: check finds the asymmetry and exits 2; a real connection times out.
            var before = SymrouteProcess.Run(server, null, "check", "--root", root, "--json");
            Assert.True(before.Status == 2, $"exit {before.Status}: {before.Stderr}\n{before.Stdout}");
            using (var doc = JsonDocument.Parse(before.Stdout))
                Assert.Contains(doc.RootElement.GetProperty("findings").EnumerateArray(), f =>
                    f.GetProperty("code").GetString() == "asymmetric-reply"
                    && f.GetProperty("severity").GetString() == "critical"
                    && f.GetProperty("subject").GetProperty("interface").GetString() == "eth1"
                    && f.GetProperty("subject").GetProperty("address").GetString() == "10.10.20.50");
            Assert.Null(Connect(client.Name));

            // The fix by hand: one table per interface, one rule per address (scenarios.md S1).
            server.IpBatch([
                "route add 192.168.1.0/24 dev eth0 scope link src 192.168.1.50 table 101",
                "route add default via 192.168.1.1 dev eth0 table 101",
                "route add 10.10.20.0/24 dev eth1 scope link src 10.10.20.50 table 102",
                "route add default via 10.10.20.1 dev eth1 table 102",
                "rule add from 192.168.1.50 lookup 101 priority 1000",
                "rule add from 10.10.20.50 lookup 102 priority 1001",
            ]);

            Assert.Equal("hello", Connect(client.Name));
            var after = SymrouteProcess.Run(server, null, "check", "--root", root);
            Assert.True(after.Status == 0, $"exit {after.Status}: {after.Stderr}\n{after.Stdout}");
            Assert.StartsWith("OK: ", after.Stdout);
        }
        finally
        {
            listener.Stop();
            Directory.Delete(root, recursive: true);
        }
        _ = serving;
    }

    /// <summary>Connects from the client namespace to 10.10.20.50:8080 and reads one line; null when the connection does not complete in 3 s.</summary>
    private static string? Connect(string ns) => NetnsScope.Run(ns, () =>
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            socket.ConnectAsync(new IPEndPoint(IPAddress.Parse("10.10.20.50"), 8080), cts.Token).AsTask().GetAwaiter().GetResult();
            var buffer = new byte[16];
            int n = socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token).AsTask().GetAwaiter().GetResult();
            return Encoding.ASCII.GetString(buffer, 0, n).Trim();
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    });
}
