using Symroute.Backends;
using Symroute.Output;
using Symroute.Planning;
using Xunit;

namespace Symroute.Tests.Planning;

/// <summary>The whole plan output (diff, proof, notes, rendered files and commands) per scenario per backend, pinned.</summary>
public class PlanGoldenTests
{
    public static TheoryData<string, string> Cases()
    {
        var d = new TheoryData<string, string>();
        foreach (var s in ScenarioHosts.Names.Where(n => n != "S9"))
            foreach (var b in BackendNames.All)
                d.Add(s, b);
        return d;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Text(string scenario, string backend)
    {
        BackendNames.TryParse(backend, out var b);
        var host = ScenarioHosts.Get(scenario);
        var plan = Planner.Create(host, new PlanOptions());
        var proof = PlanVerifier.Verify(host, plan);
        Assert.True(proof.Proven, proof.Failure);
        var rendering = Renderers.Render(b, plan, host, BackendContexts.For(b, host));
        var sw = new StringWriter();
        PlanTextWriter.Write(sw, plan, host, proof, [rendering], "/", false);
        GoldenFile.AssertMatches($"plan/{scenario}/{backend}.txt", sw.ToString());
    }

    [Fact]
    public void S9_is_refused()
    {
        var host = ScenarioHosts.S9();
        var plan = Planner.Create(host, new PlanOptions());
        var sw = new StringWriter();
        PlanTextWriter.Write(sw, plan, host, null, [], "/", false);
        GoldenFile.AssertMatches("plan/S9/refused.txt", sw.ToString());
    }

    [Theory]
    [InlineData("S1")]
    [InlineData("S4")]
    public void Json(string scenario)
    {
        var host = ScenarioHosts.Get(scenario);
        var plan = Planner.Create(host, new PlanOptions());
        var proof = PlanVerifier.Verify(host, plan);
        var rendering = Renderers.Render(Backend.Runtime, plan, host, BackendContext.Empty);
        using var ms = new MemoryStream();
        PlanJsonWriter.Write(ms, plan, host, proof, [rendering], "/", false);
        GoldenFile.AssertMatches($"plan/{scenario}/plan.json", System.Text.Encoding.UTF8.GetString(ms.ToArray()));
    }
}
