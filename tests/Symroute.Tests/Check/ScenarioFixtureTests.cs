using Symroute.Checks;
using Symroute.Sources;
using Xunit;

namespace Symroute.Tests.Check;

/// <summary>
/// The scenario snapshots (Fixtures/scenarios/*.json) and the demos bundled in the CLI
/// (src/Symroute.Cli/Demo/*.json) are written from <see cref="Scenarios"/> by the snapshot writer;
/// UPDATE_GOLDEN=1 regenerates them. Each fixture must then report exactly its expected findings.
/// </summary>
public class ScenarioFixtureTests
{
    public static TheoryData<string> Names => [.. Scenarios.All.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Fixture_and_demo_are_generated_from_the_scenario(string name)
    {
        var scenario = Scenarios.Get(name);
        string json = SnapshotWriter.WriteString(scenario.Build());
        GoldenFile.Check($"tests/Symroute.Tests/Fixtures/scenarios/{name}.json", json);
        if (scenario.Demo)
            GoldenFile.Check($"src/Symroute.Cli/Demo/{name}.json", json);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Fixture_reports_exactly_the_expected_findings(string name)
    {
        var report = CheckFixture(name);
        var actual = report.Findings
            .Select(f => $"{f.Code} {f.Severity.ToName()} {f.Subject.Interface ?? "-"} {f.Subject.Address?.ToString() ?? "-"}")
            .Order(StringComparer.Ordinal).ToList();
        var expected = Scenarios.Get(name).Findings
            .Select(e => $"{e.Code} {e.Severity.ToName()} {e.Interface ?? "-"} {e.Address ?? "-"}")
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("asymmetric-reply", "s1", "s1-fixed")]
    [InlineData("asymmetric-reply", "s7", "single-homed")]
    [InlineData("rp-filter-drop", "rp-filter-strict", "rp-filter-strict-fixed")]
    [InlineData("rp-filter-loose", "rp-filter-loose-masking", "s1")]
    [InlineData("multiple-default-routes", "s2", "s1")]
    [InlineData("rule-table-empty", "rule-table-empty", "s1-fixed")]
    [InlineData("table-missing-connected-route", "table-missing-connected-route", "s1-fixed")]
    [InlineData("stale-rule", "s3", "s1-fixed")]
    [InlineData("stale-rule", "stale-iif-rule", "s1-fixed")]
    [InlineData("same-subnet-interfaces", "s2", "s9")]
    [InlineData("arp-flux", "s2", "s1")]
    [InlineData("overlapping-subnets", "s9", "s2")]
    [InlineData("dnat-asymmetric-reply", "s4", "s4-fixed")]
    [InlineData("dnat-asymmetric-reply", "s10", "s1")]
    public void Check_fires_on_one_fixture_and_not_the_other(string code, string triggers, string clean)
    {
        Assert.Contains(CheckFixture(triggers).Findings, f => f.Code == code);
        Assert.DoesNotContain(CheckFixture(clean).Findings, f => f.Code == code);
    }

    [Theory]
    [InlineData("single-homed")]
    [InlineData("s1-fixed")]
    [InlineData("s4-fixed")]
    [InlineData("rp-filter-strict-fixed")]
    public void Single_homed_and_correctly_configured_hosts_report_no_warning(string name)
    {
        var report = CheckFixture(name);
        Assert.Equal(0, report.ExitStatus);
        Assert.DoesNotContain(report.Findings, f => f.Severity >= Severity.Warning);
    }

    public static CheckReport CheckFixture(string name, CheckInputs? inputs = null)
    {
        var state = SnapshotReader.Read(Fixtures.Read($"scenarios/{name}.json"), $"scenarios/{name}.json");
        return CheckRunner.Default.Run(new CheckContext(state, inputs ?? new CheckInputs()), $"snapshot {name}.json");
    }
}
