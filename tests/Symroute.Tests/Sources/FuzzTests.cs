using System.Text;
using Symroute.Model;
using Symroute.Output;
using Symroute.Sources;
using Xunit;

namespace Symroute.Tests.Sources;

/// <summary>
/// Every parser, fed thousands of damaged inputs (deterministic seeds): it either parses or throws
/// InputException with a one-line message. Any other exception is a bug.
/// </summary>
public class FuzzTests
{
    // SYMROUTE_FUZZ_CASES=100000 for a deeper run.
    private static readonly int Cases = int.TryParse(Environment.GetEnvironmentVariable("SYMROUTE_FUZZ_CASES"), out int n) ? n : 3000;
    private static readonly TableNames Names = ModelGenerator.Names;

    private static List<HostState> Models(int seed, int n)
    {
        var g = new ModelGenerator(seed);
        return Enumerable.Range(0, n).Select(_ => g.State() with { Sysctls = g.Sysctls() }).ToList();
    }

    private static void Run(string what, int seed, IReadOnlyList<string> corpus, Action<string> parse)
    {
        var m = new Mutator(seed);
        var rng = new Random(seed);
        int rejected = 0;
        for (int i = 0; i < Cases; i++)
        {
            string input = m.Mutate(corpus[rng.Next(corpus.Count)]);
            try
            {
                parse(input);
            }
            catch (InputException e)
            {
                rejected++;
                Assert.False(e.Message.Contains('\n'), $"{what} case {i}: multi-line message: {e.Message}");
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
            }
            catch (Exception e)
            {
                Assert.Fail($"{what} case {i} (seed {seed}): {e.GetType().Name}: {e.Message}\n--- input ---\n{input}\n--- stack ---\n{e.StackTrace}");
            }
        }
        // Damaged input must mostly be rejected, or the fuzzer is not reaching the parser.
        Assert.True(rejected > Cases / 10, $"{what}: only {rejected} of {Cases} inputs rejected");
    }

    private static void RunBytes(string what, int seed, IReadOnlyList<byte[]> corpus, Action<byte[]> parse)
    {
        var m = new Mutator(seed);
        var rng = new Random(seed);
        for (int i = 0; i < Cases; i++)
        {
            var input = m.MutateBytes(corpus[rng.Next(corpus.Count)]);
            try { parse(input); }
            catch (InputException) { }
            catch (Exception e)
            {
                Assert.Fail($"{what} case {i} (seed {seed}): {e.GetType().Name}: {e.Message}\n--- input ---\n{Convert.ToBase64String(input)}\n{e.StackTrace}");
            }
        }
    }

    [Fact]
    public void Ip_json_routes()
    {
        var corpus = Models(7, 40).Select(s => IpJsonWriter.RoutesText(s.Routes, Names)).Append(Fixtures.Read("ip/lab1/route.json")).ToList();
        Run("routes", 11, corpus, t => IpJsonSource.ParseRoutes(Encoding.UTF8.GetBytes(t), "f", null, Names));
        RunBytes("routes bytes", 12, corpus.Select(Encoding.UTF8.GetBytes).ToList(), b => IpJsonSource.ParseRoutes(b, "f", Family.Inet6, Names));
    }

    [Fact]
    public void Ip_json_rules()
    {
        var corpus = Models(8, 40).Select(s => IpJsonWriter.RulesText(s.RulesOf(Family.Inet), Names)).Append(Fixtures.Read("ip/lab1/rule.json")).ToList();
        Run("rules", 21, corpus, t => IpJsonSource.ParseRules(Encoding.UTF8.GetBytes(t), "f", Family.Inet, Names));
        RunBytes("rules bytes", 22, corpus.Select(Encoding.UTF8.GetBytes).ToList(), b => IpJsonSource.ParseRules(b, "f", Family.Inet6, Names));
    }

    [Fact]
    public void Ip_json_addresses()
    {
        var corpus = Models(9, 40).Select(IpJsonWriter.LinksText).Append(Fixtures.Read("ip/lab1/addr.json")).ToList();
        Run("links", 31, corpus, t => IpJsonSource.ParseLinks(Encoding.UTF8.GetBytes(t), "f"));
        RunBytes("links bytes", 32, corpus.Select(Encoding.UTF8.GetBytes).ToList(), b => IpJsonSource.ParseLinks(b, "f"));
    }

    [Fact]
    public void Ip_text()
    {
        var corpus = Models(10, 40).Select(s =>
                IpTextFormatter.FormatLinks(s) + IpTextFormatter.FormatRules(s.Rules, Names) + IpTextFormatter.FormatRoutes(s.Routes, Names))
            .Append(string.Concat(new[] { "addr.txt", "rule.txt", "rule6.txt", "route.txt", "route6.txt" }.Select(f => Fixtures.Read("ip/lab1/" + f))))
            .Append("$ ip -j route\n" + Fixtures.Read("ip/lab1/route.json") + "$ ip -o a\n2: eth0    inet 192.0.2.1/24 scope global eth0\\       valid_lft forever preferred_lft forever\n")
            .ToList();
        Run("text", 41, corpus, t => IpTextSource.Parse(t, "f", Names));
    }

    [Fact]
    public void Snapshot()
    {
        var corpus = Models(11, 30).Select(SnapshotWriter.WriteString).ToList();
        Run("snapshot", 51, corpus, t => SnapshotReader.Read(t, "f"));
        RunBytes("snapshot bytes", 52, corpus.Select(Encoding.UTF8.GetBytes).ToList(), b => SnapshotReader.Read(b, "f"));
    }
}
