using Symroute.Host;
using Symroute.Model;
using Symroute.Sources;
using Symroute.Tests.Lab;
using Xunit;
using Xunit.Abstractions;

namespace Symroute.Tests.Differential;

/// <summary>
/// One model, three sources: for many generated configurations the namespace is read over
/// netlink, from <c>ip -json</c> output and from plain <c>ip</c> text, and the three models must
/// be identical (structurally, and as canonical snapshots). Sysctls, hostname, kernel release,
/// capture time and table names are left out: <c>ip</c> output does not carry them.
/// </summary>
public sealed class ThreeSourcesTests(ITestOutputHelper output)
{
    [RootFact]
    public void Netlink_ip_json_and_ip_text_give_the_same_model()
    {
        var settings = DiffSettings.FromEnvironment(configs: 40, baseSeed: 5001);
        int compared = 0;
        foreach (int seed in settings.Seeds)
        {
            using var lab = DiffLab.Build(ConfigGenerator.Generate(seed));
            var viaNetlink = Canonical(HostReader.Read(netns: lab.Host.Name));
            var viaJson = Canonical(IpJsonSource.Parse(new IpJsonInput(
                AddrJson: lab.Host.Ip("-json", "addr", "show"),
                Route4Json: lab.Host.Ip("-json", "route", "show", "table", "all"),
                Route6Json: lab.Host.Ip("-json", "-6", "route", "show", "table", "all"),
                Rule4Json: lab.Host.Ip("-json", "rule", "show"),
                Rule6Json: lab.Host.Ip("-json", "-6", "rule", "show"))));
            var viaText = Canonical(IpTextSource.Parse(IpText(lab.Host), "ip.txt"));
            AssertSame(seed, lab, "netlink", viaNetlink, "ip -json", viaJson);
            AssertSame(seed, lab, "netlink", viaNetlink, "ip text", viaText);
            compared++;
        }
        output.WriteLine($"three sources: {compared} configurations read identically");
    }

    /// <summary>The plain <c>ip</c> outputs an administrator would paste, concatenated in one file.</summary>
    private static string IpText(Netns ns)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var args in new[] { new[] { "addr" }, ["rule"], ["-6", "rule"], ["route", "show", "table", "all"], ["-6", "route", "show", "table", "all"] })
            sb.Append("# ip ").AppendJoin(' ', args).Append('\n').Append(ns.Ip(args));
        return sb.ToString();
    }

    /// <summary>
    /// The state without what <c>ip</c> output cannot show: sysctls, table names, host facts, and
    /// the link kind (<c>ip addr</c> prints linkinfo only with <c>-d</c>, which pasted output lacks).
    /// </summary>
    private static HostState Canonical(HostState s) => s with
    {
        Links = [.. s.Links.Select(l => l with { Kind = null })],
        Sysctls = Sysctls.Empty,
        TableNames = TableNames.Builtin,
        Hostname = null,
        KernelRelease = null,
        CapturedAt = null,
        LocalTableMerged = null,
    };

    private static void AssertSame(int seed, DiffLab lab, string nameA, HostState a, string nameB, HostState b)
    {
        var diffs = HostStateDiff.Compare(a, b, max: 30);
        string sa = SnapshotWriter.WriteString(a), sb = SnapshotWriter.WriteString(b);
        if (diffs.Count == 0 && sa == sb) return;
        Assert.Fail($"seed {seed} (replay: DIFFTEST_SEED={seed}): {nameA} and {nameB} models differ:\n" +
            string.Join("\n", diffs) + (sa == sb ? "" : "\n(snapshots differ too)") +
            "\nconfiguration:\n" + lab.Describe());
    }
}
