using Symroute.Backends;
using Symroute.Output;
using Symroute.Planning;
using Xunit;
using Xunit.Abstractions;

namespace Symroute.Tests.Planning;

public class ScenarioDump(ITestOutputHelper output)
{
    [Theory]
    [InlineData("S1", "runtime")]
    [InlineData("S4", "netplan")]
    [InlineData("S3", "networkd")]
    [InlineData("S7", "networkmanager")]
    [InlineData("S8", "ifupdown")]
    [InlineData("S6", "network-scripts")]
    [InlineData("S9", "runtime")]
    [InlineData("S5", "runtime")]
    [InlineData("S2", "runtime")]
    [InlineData("S10", "runtime")]
    public void Dump(string scenario, string backend)
    {
        var host = ScenarioHosts.Get(scenario);
        var plan = Planner.Create(host, new PlanOptions());
        BackendNames.TryParse(backend, out var b);
        var r = plan.Refusal is null ? new[] { Renderers.Render(b, plan, host, BackendContext.Empty) } : [];
        var sw = new StringWriter();
        PlanTextWriter.Write(sw, plan, host, null, r, "/", false);
        output.WriteLine(sw.ToString());
    }
}
