using Xunit;

namespace Symroute.Tests.Differential;

/// <summary>The configuration and query generators: replayable from the seed, and varied enough.</summary>
public sealed class GeneratorTests
{
    [Fact]
    public void The_same_seed_gives_the_same_configuration_and_queries()
    {
        foreach (int seed in new[] { 1, 42, 1234567 })
        {
            var a = ConfigGenerator.Generate(seed);
            var b = ConfigGenerator.Generate(seed);
            Assert.Equal(a.Describe(), b.Describe());
            Assert.Equal(QueryGenerator.Generate(a, 50).Select(q => q.ToArgs()), QueryGenerator.Generate(b, 50).Select(q => q.ToArgs()));
        }
        Assert.NotEqual(ConfigGenerator.Generate(1).Describe(), ConfigGenerator.Generate(2).Describe());
    }

    [Fact]
    public void Configurations_cover_every_promised_feature()
    {
        var steps = Enumerable.Range(1, 150).SelectMany(s => ConfigGenerator.Generate(s).Steps);
        var missing = FeatureCoverage.Count(steps).Where(kv => kv.Value == 0).Select(kv => kv.Key).ToList();
        Assert.True(missing.Count == 0, "never generated: " + string.Join(", ", missing));
    }

    [Fact]
    public void Some_configurations_have_no_custom_rules()
    {
        var configs = Enumerable.Range(1, 150).Select(ConfigGenerator.Generate).ToList();
        Assert.Contains(configs, c => !c.Steps.Any(s => s.Text.StartsWith("rule ", StringComparison.Ordinal)));
        Assert.Contains(configs, c => c.Devices.Length == 4);
        Assert.Contains(configs, c => c.Devices.Length == 2);
    }

    [Fact]
    public void Queries_cover_both_forms_both_families_and_every_selector()
    {
        var qs = Enumerable.Range(1, 20).SelectMany(s => QueryGenerator.Generate(ConfigGenerator.Generate(s), 80)).ToList();
        Assert.Equal(["in4", "in6", "out4", "out6"], qs.Select(q => q.Kind).Distinct().Order());
        Assert.Contains(qs, q => q.From is not null && !q.IsInput);
        Assert.Contains(qs, q => q.Oif is not null);
        Assert.Contains(qs, q => q.Mark is not null);
        Assert.Contains(qs, q => q.Tos is not null);
        Assert.Contains(qs, q => q.IpProto is not null);
        Assert.Contains(qs, q => q.SPort is not null);
        Assert.Contains(qs, q => q.DPort is not null);
        Assert.Contains(qs, q => q.Uid is not null);
        foreach (var special in new[] { "0.0.0.0", "255.255.255.255", "127.0.0.1", "224.0.0.1", "::1" })
            Assert.Contains(qs, q => q.Dst.ToString() == special);
    }
}
