using Symroute.Checks;
using Symroute.Host.Config;
using Symroute.Model;
using Xunit;

namespace Symroute.Tests.Check;

/// <summary>Checks that read the network configuration under a root directory (Fixtures/roots/…).</summary>
public class ConfigurationCheckTests
{
    private static CheckReport Check(string scenario, string root) =>
        ScenarioFixtureTests.CheckFixture(scenario, new CheckInputs(Config: NetworkConfigReader.Read(Fixtures.Path($"roots/{root}"))));

    [Fact]
    public void Runtime_source_rules_missing_from_netplan_are_not_persistent()
    {
        var report = Check("s1-fixed", "netplan-s1");
        var findings = report.Findings.Where(f => f.Code == "not-persistent").ToList();
        Assert.Equal(["eth0", "eth1"], findings.Select(f => f.Subject.Interface));
        Assert.All(findings, f => Assert.Equal(Severity.Warning, f.Severity));
        Assert.Contains(findings[1].Evidence, e => e.Text == "runtime only: ip rule 1001: from 10.10.20.50 lookup uplink1");
        Assert.Contains(findings[1].Evidence, e => e.Text == "runtime only: ip route default via 10.10.20.1 dev eth1 table uplink1");
        Assert.Equal("symroute plan --strategy source-rules --backend netplan", findings[1].Remedy!.Command);
        Assert.Equal("netplan", report.Host.Interfaces[0].Backend);
    }

    [Fact]
    public void Source_rules_declared_in_a_netplan_drop_in_are_persistent()
    {
        var report = Check("s1-fixed", "netplan-s1-persisted");
        Assert.DoesNotContain(report.Findings, f => f.Code == "not-persistent");
        Assert.Equal(0, report.ExitStatus);
    }

    [Fact]
    public void Without_configuration_the_check_is_listed_as_not_run()
    {
        var report = ScenarioFixtureTests.CheckFixture("s1-fixed", new CheckInputs(ConfigUnavailable: "no configuration files for a snapshot"));
        Assert.Contains(report.Skipped, s => s.Code == "not-persistent" && s.Reason == "no configuration files for a snapshot");
    }

    [Fact]
    public void A_gateway_declared_only_in_the_configuration_makes_the_asymmetry_critical()
    {
        // ifupdown installs one default route; eth1's "gateway" line never reaches a table.
        var report = Check("management-nic", "ifupdown-mgmt");
        var f = Assert.Single(report.Findings, f => f.Code == "asymmetric-reply" && f.Subject.Interface == "eth1");
        Assert.Equal(Severity.Critical, f.Severity);
        Assert.Contains(f.Evidence, e => e.Text.Contains("172.16.5.1 (declared in /etc/network/interfaces:14) but in no routing table"));
        Assert.Equal("ifupdown", report.Host.Interfaces.Single(i => i.Name == "eth1").Backend);
    }

    [Fact]
    public void Unreadable_configuration_is_reported_not_fatal()
    {
        string root = Path.Combine(Path.GetTempPath(), $"sr-check-root-{Environment.ProcessId}");
        Directory.CreateDirectory(Path.Combine(root, "etc/netplan"));
        File.WriteAllText(Path.Combine(root, "etc/netplan/01.yaml"), "network:\n  ethernets: [\n");
        try
        {
            var e = Assert.Throws<Symroute.Sources.InputException>(() => NetworkConfigReader.Read(root));
            Assert.StartsWith("/etc/netplan/01.yaml:2:", e.Message);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
