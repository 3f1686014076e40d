using Symroute.Backends;
using Symroute.Model;
using Symroute.Planning;
using Xunit;
using Xunit.Abstractions;

namespace Symroute.Tests.Planning;

public class PlannerTests(ITestOutputHelper output)
{
    [Fact]
    public void S1_source_rules_gives_two_tables_and_rules()
    {
        var plan = Planner.Create(TestHosts.S1(), new PlanOptions());
        var r = RuntimeRenderer.Render(plan, TestHosts.S1(), BackendContext.Empty);
        output.WriteLine(r.Runtime!.Script);
        Assert.Equal(Strategy.SourceRules, plan.Strategy);
        Assert.Equal(2, plan.Tables.Length);
    }
}
