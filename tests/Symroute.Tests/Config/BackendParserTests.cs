using System.Net;
using Symroute.Model;
using Symroute.Sources;
using Symroute.Sources.Config;
using Xunit;

namespace Symroute.Tests.Config;

public class BackendParserTests
{
    [Fact]
    public void Netplan_gateways_routes_and_routing_policy()
    {
        var yaml = """
            network:
              version: 2
              ethernets:
                eth0:
                  dhcp4: true
                eth1:
                  addresses: [10.10.20.50/24]
                  gateway4: 10.10.20.1
                  routes:
                    - to: default
                      via: 10.10.20.1
                      table: 100
                  routing-policy:
                    - from: 10.10.20.50
                      table: 100
                      priority: 1000
            """;
        var list = NetplanParser.Parse(yaml, "/etc/netplan/50.yaml");
        Assert.Equal(["eth0", "eth1"], list.Select(i => i.Name));
        Assert.True(list[0].Dhcp);
        var eth1 = list[1];
        Assert.Equal(2, eth1.Routes.Length);
        Assert.Equal("100", eth1.Routes[1].Table);
        Assert.True(eth1.Routes[1].Dst.IsDefault);
        Assert.Equal(IPAddress.Parse("10.10.20.1"), eth1.Routes[1].Gateway);
        var rule = Assert.Single(eth1.Rules);
        Assert.Equal("10.10.20.50", rule.From!.Value.ToString());
        Assert.Equal(1000u, rule.Priority);
        Assert.Equal("/etc/netplan/50.yaml:14", rule.Origin);
    }

    [Fact]
    public void Netplan_without_network_key_is_an_error_with_position()
    {
        var e = Assert.Throws<InputException>(() => NetplanParser.Parse("foo: 1\n", "/etc/netplan/x.yaml"));
        Assert.StartsWith("/etc/netplan/x.yaml:1:1:", e.Message);
    }

    [Fact]
    public void NetworkManager_keyfile()
    {
        var text = """
            [connection]
            id=data
            type=ethernet
            interface-name=eth1

            [ipv4]
            method=manual
            address1=10.10.20.50/24,10.10.20.1
            route1=0.0.0.0/0,10.10.20.1
            route1_options=table=100
            routing-rule1=priority 100 from 10.10.20.50 table 100

            [ipv6]
            method=auto
            """;
        var i = NmKeyfileParser.Parse(text, "/etc/NetworkManager/system-connections/data.nmconnection")!;
        Assert.Equal("eth1", i.Name);
        Assert.True(i.Dhcp);
        Assert.Contains(i.Routes, r => r.Table == "100" && r.Dst.IsDefault && r.Gateway!.Equals(IPAddress.Parse("10.10.20.1")));
        Assert.Contains(i.Routes, r => r.Table is null && r.Dst.IsDefault);
        var rule = Assert.Single(i.Rules);
        Assert.Equal((100u, "100", Family.Inet), (rule.Priority!.Value, rule.Table, rule.Family!.Value));
    }

    [Fact]
    public void Networkd_unit_with_dhcp_gateway_route()
    {
        var text = """
            [Match]
            Name=eth1

            [Network]
            DHCP=ipv4

            [Route]
            Gateway=_dhcp4
            Table=100

            [RoutingPolicyRule]
            From=172.31.32.0/20
            Table=100
            Priority=100
            """;
        var i = NetworkdParser.Parse(text, "/etc/systemd/network/10-eth1.network")!;
        Assert.True(i.Dhcp);
        var route = Assert.Single(i.Routes);
        Assert.Null(route.Gateway);
        Assert.Equal(Family.Inet, route.Family);
        Assert.Equal("100", route.Table);
        Assert.Equal("172.31.32.0/20", Assert.Single(i.Rules).From!.Value.ToString());
        Assert.True(i.Matches("eth1"));
        Assert.False(i.Matches("eth10"));
    }

    [Fact]
    public void Networkd_name_globs()
    {
        var i = NetworkdParser.Parse("[Match]\nName=en* eth[01]\n", "x.network")!;
        Assert.True(i.Matches("enp1s0"));
        Assert.True(i.Matches("eth1"));
        Assert.False(i.Matches("eth2"));
    }

    [Fact]
    public void Ifupdown_gateway_and_up_commands()
    {
        var text = """
            source /etc/network/interfaces.d/*
            auto eth1
            iface eth1 inet static
                address 10.10.20.50/24
                gateway 10.10.20.1
                post-up ip route add default via 10.10.20.1 dev eth1 table 100
                post-up /sbin/ip rule add from 10.10.20.50 table 100 priority 100 || true
                pre-down ip rule del from 10.10.20.50 table 100
            iface eth1 inet6 static
                address 2001:db8:b::50/64
                up ip -6 rule add from 2001:db8:b::/64 table 100
            """;
        var r = IfupdownParser.Parse(text, "/etc/network/interfaces");
        Assert.Equal(["/etc/network/interfaces.d/*"], r.Sources);
        Assert.Equal(2, r.Interfaces.Count);
        var v4 = r.Interfaces[0];
        Assert.Equal(2, v4.Routes.Length);
        Assert.Equal("100", v4.Routes[1].Table);
        Assert.Equal("eth1", v4.Routes[1].Dev);
        var rule = Assert.Single(v4.Rules);
        Assert.Equal(100u, rule.Priority);
        Assert.Equal(Family.Inet6, Assert.Single(r.Interfaces[1].Rules).Family);
    }

    [Fact]
    public void Network_scripts_ifcfg_route_and_rule_files()
    {
        var i = NetworkScriptsParser.Interface("eth1", "DEVICE=eth1\nBOOTPROTO=none\nIPADDR=10.10.20.50\nPREFIX=24\nGATEWAY=\"10.10.20.1\"\nDEFROUTE=no\n", "/etc/sysconfig/network-scripts/ifcfg-eth1",
        [
            ("default via 10.10.20.1 dev eth1 table 100\n10.10.20.0/24 dev eth1 table 100\n", "/etc/sysconfig/network-scripts/route-eth1", Family.Inet, false),
            ("from 10.10.20.50 table 100\n", "/etc/sysconfig/network-scripts/rule-eth1", Family.Inet, true),
        ]);
        Assert.Equal(2, i.Routes.Length); // DEFROUTE=no: GATEWAY gives no default route in main
        Assert.All(i.Routes, r => Assert.Equal("100", r.Table));
        Assert.Equal("10.10.20.50", Assert.Single(i.Rules).From!.Value.ToString());

        var old = NetworkScriptsParser.Routes("ADDRESS0=10.20.0.0\nNETMASK0=255.255.0.0\nGATEWAY0=10.10.20.254\n", "route-eth1", Family.Inet, "eth1").Single();
        Assert.Equal("10.20.0.0/16", old.Dst.ToString());
        Assert.Equal(IPAddress.Parse("10.10.20.254"), old.Gateway);
    }

    [Fact]
    public void Ini_errors_name_the_line()
    {
        var e = Assert.Throws<InputException>(() => NmKeyfileParser.Parse("[connection]\ninterface-name=eth1\nbogus line\n", "k.nmconnection"));
        Assert.StartsWith("k.nmconnection:3:1:", e.Message);
    }
}
