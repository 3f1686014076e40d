using Symroute.Checks;
using Symroute.Output;
using Xunit;

namespace Symroute.Tests.Check;

/// <summary>The text and JSON reports, pinned by golden files under Golden/check/ (UPDATE_GOLDEN=1 rewrites them).</summary>
public class CheckReportGoldenTests
{
    [Theory]
    [InlineData("s1")]
    [InlineData("s1-fixed")]
    [InlineData("s2")]
    [InlineData("s4")]
    [InlineData("s6")]
    [InlineData("s7")]
    [InlineData("s9")]
    [InlineData("s10")]
    [InlineData("rp-filter-strict")]
    public void Text_and_json_reports(string name)
    {
        var report = ScenarioFixtureTests.CheckFixture(name);
        var text = new StringWriter { NewLine = "\n" };
        CheckTextWriter.Write(text, report, color: false);
        GoldenFile.Check($"tests/Symroute.Tests/Golden/check/{name}.txt", text.ToString());
        GoldenFile.Check($"tests/Symroute.Tests/Golden/check/{name}.json", CheckJsonWriter.ToJson(report));
    }

    [Fact]
    public void Nagios_and_prometheus()
    {
        var report = ScenarioFixtureTests.CheckFixture("s1");
        var nagios = new StringWriter { NewLine = "\n" };
        CheckNagiosWriter.Write(nagios, report);
        GoldenFile.Check("tests/Symroute.Tests/Golden/check/s1.nagios", nagios.ToString());
        var prom = new StringWriter { NewLine = "\n" };
        CheckPrometheusWriter.Write(prom, report);
        GoldenFile.Check("tests/Symroute.Tests/Golden/check/s1.prom", prom.ToString());
    }

    [Fact]
    public void Colour_is_only_ansi_sequences_around_the_same_text()
    {
        var report = ScenarioFixtureTests.CheckFixture("s1");
        var plain = new StringWriter();
        CheckTextWriter.Write(plain, report, color: false);
        var colored = new StringWriter();
        CheckTextWriter.Write(colored, report, color: true);
        Assert.DoesNotContain("\u001b[", plain.ToString());
        Assert.Contains("\u001b[1;31mCRITICAL\u001b[0m", colored.ToString());
        Assert.Equal(plain.ToString(), System.Text.RegularExpressions.Regex.Replace(colored.ToString(), "\u001b\\[[0-9;]*m", ""));
    }

    [Theory]
    [InlineData(null, false, true, null, "xterm", true)]
    [InlineData(null, false, false, null, "xterm", false)]
    [InlineData(null, false, true, "1", "xterm", false)]
    [InlineData(null, false, true, "", "xterm", true)]
    [InlineData(null, false, true, null, "dumb", false)]
    [InlineData(null, true, true, null, "xterm", false)]
    [InlineData(ColorMode.Always, false, false, null, null, true)]
    [InlineData(ColorMode.Always, true, true, null, null, false)]
    [InlineData(ColorMode.Never, false, true, null, "xterm", false)]
    [InlineData(ColorMode.Auto, false, true, "yes", "xterm", false)]
    public void Colour_decision(ColorMode? mode, bool json, bool terminal, string? noColor, string? term, bool expected) =>
        Assert.Equal(expected, ColorDecision.Decide(mode, json, terminal, noColor, term));

    [Fact]
    public void Json_report_has_stable_top_level_keys()
    {
        using var doc = System.Text.Json.JsonDocument.Parse(CheckJsonWriter.ToJson(ScenarioFixtureTests.CheckFixture("s1")));
        Assert.Equal(["version", "status", "exit_status", "counts", "host", "findings", "skipped"],
            doc.RootElement.EnumerateObject().Select(p => p.Name));
        var f = doc.RootElement.GetProperty("findings")[0];
        Assert.Equal(["code", "severity", "subject", "summary", "evidence", "remedy"], f.EnumerateObject().Select(p => p.Name));
        Assert.Equal("query", f.GetProperty("evidence")[0].GetProperty("kind").GetString());
        Assert.True(f.GetProperty("evidence")[0].GetProperty("trace").GetArrayLength() > 2);
    }
}
