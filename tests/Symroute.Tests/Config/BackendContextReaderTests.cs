using Symroute.Backends;
using Symroute.Host.Config;
using Symroute.Model;
using Symroute.Sources;
using Xunit;

namespace Symroute.Tests.Config;

/// <summary><c>--backend auto</c>: the backend and handle of each interface, read under a root.</summary>
public class BackendContextReaderTests
{
    private static HostState Scenario(string name) => SnapshotReader.Read(Fixtures.Read($"scenarios/{name}.json"), $"scenarios/{name}.json");

    [Fact]
    public void Netplan_interfaces_are_found_with_their_id_section_and_renderer()
    {
        var context = BackendContextReader.Read(Fixtures.Path("roots/netplan-s1"), Scenario("s1"));
        Assert.Equal(["eth0", "eth1"], context.Interfaces.Select(i => i.Dev));
        foreach (var i in context.Interfaces)
        {
            Assert.Equal(Backend.Netplan, i.Backend);
            Assert.Equal(i.Dev, i.Id);
            Assert.Equal("etc/netplan/50-cloud-init.yaml", i.Path);
            Assert.Equal("ethernets", i.NetplanSection);
            Assert.Equal("networkd", i.NetplanRenderer);
        }
    }

    [Fact]
    public void Ifupdown_interfaces_are_found_and_the_missing_source_line_is_known()
    {
        var context = BackendContextReader.Read(Fixtures.Path("roots/ifupdown-mgmt"), Scenario("management-nic"));
        Assert.Contains(context.Interfaces, i => i.Dev == "eth1" && i.Backend == Backend.Ifupdown && i.Path == "etc/network/interfaces");
        Assert.False(context.IfupdownSourcesDropIns);
    }

    [Fact]
    public void NetworkManager_profiles_carry_their_id_and_keyfile_and_network_scripts_their_route_files()
    {
        string root = Directory.CreateTempSubdirectory("sr-backends-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "run/NetworkManager"));
            Directory.CreateDirectory(Path.Combine(root, "etc/NetworkManager/system-connections"));
            string keyfile = "[connection]\nid=Uplink two\ntype=ethernet\ninterface-name=eth1\n\n[ipv4]\nmethod=auto\n";
            File.WriteAllText(Path.Combine(root, "etc/NetworkManager/system-connections/Uplink two.nmconnection"), keyfile);
            Directory.CreateDirectory(Path.Combine(root, "etc/sysconfig/network-scripts"));
            File.WriteAllText(Path.Combine(root, "etc/sysconfig/network-scripts/ifcfg-eth0"), "DEVICE=eth0\nBOOTPROTO=none\nIPADDR=192.168.1.50\nPREFIX=24\n");
            File.WriteAllText(Path.Combine(root, "etc/sysconfig/network-scripts/route-eth0"), "10.99.0.0/16 via 192.168.1.254\n");

            var context = BackendContextReader.Read(root, Scenario("s1"));
            var nm = Assert.Single(context.Interfaces, i => i.Dev == "eth1");
            Assert.Equal((Backend.NetworkManager, "Uplink two", keyfile, true), (nm.Backend, nm.Id, nm.Contents, nm.Dhcp4));
            var rh = Assert.Single(context.Interfaces, i => i.Dev == "eth0");
            Assert.Equal(Backend.NetworkScripts, rh.Backend);
            Assert.Equal("10.99.0.0/16 via 192.168.1.254\n", context.FileText("etc/sysconfig/network-scripts/route-eth0"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void A_root_with_no_configuration_detects_nothing()
    {
        string root = Directory.CreateTempSubdirectory("sr-backends-").FullName;
        try
        {
            var context = BackendContextReader.Read(root, Scenario("s1"));
            Assert.Empty(context.Interfaces);
            Assert.Null(context.IfupdownSourcesDropIns);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
