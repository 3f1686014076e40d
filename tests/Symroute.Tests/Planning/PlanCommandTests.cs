using System.Text.Json;
using Symroute.Sources;
using Xunit;

namespace Symroute.Tests.Planning;

public class PlanCommandTests
{
    private static (int Status, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int status = global::Symroute.Cli.Cli.Run(args, TextReader.Null, stdout, stderr);
        return (status, stdout.ToString(), stderr.ToString());
    }

    private static string Snapshot(string scenario)
    {
        string path = Path.Combine(Path.GetTempPath(), $"symroute-plan-{scenario}-{Environment.ProcessId}-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, SnapshotWriter.WriteString(ScenarioHosts.Get(scenario)));
        return path;
    }

    [Fact]
    public void Prints_the_diff_with_the_strategy_and_its_reason()
    {
        string snap = Snapshot("S1");
        try
        {
            var (status, stdout, stderr) = Run("plan", "--snapshot", snap, "--backend", "runtime");
            Assert.True(status == 0, stderr);
            Assert.Contains("strategy source-rules (chosen from the host)", stdout);
            Assert.Contains("+ 1201: from 10.10.20.50 lookup symroute-eth1 proto symroute", stdout);
            Assert.Contains("ip -4 rule add priority 1201 from 10.10.20.50 lookup 1002 protocol 83", stdout);
        }
        finally { File.Delete(snap); }
    }

    [Fact]
    public void Json_is_one_document()
    {
        string snap = Snapshot("S7");
        try
        {
            var (status, stdout, _) = Run("plan", "--snapshot", snap, "--json", "--backend", "networkd");
            Assert.Equal(0, status);
            using var doc = JsonDocument.Parse(stdout);
            Assert.Equal("source-rules", doc.RootElement.GetProperty("strategy").GetString());
            Assert.Equal(2, doc.RootElement.GetProperty("rules").GetArrayLength());
            Assert.Equal("networkd", doc.RootElement.GetProperty("backends")[0].GetProperty("backend").GetString());
        }
        finally { File.Delete(snap); }
    }

    [Fact]
    public void Overlapping_subnets_exit_2_with_the_reason()
    {
        string snap = Snapshot("S9");
        try
        {
            var (status, _, stderr) = Run("plan", "--snapshot", snap);
            Assert.Equal(2, status);
            Assert.StartsWith("symroute: plan refused: overlapping subnets", stderr);
        }
        finally { File.Delete(snap); }
    }

    [Theory]
    [InlineData("--strategy", "fastest")]
    [InlineData("--backend", "systemd")]
    [InlineData("--interface", "eth9")]
    [InlineData("--gateway", "eth1")]
    public void Bad_arguments_exit_3_with_one_line(string option, string value)
    {
        string snap = Snapshot("S1");
        try
        {
            var (status, _, stderr) = Run("plan", "--snapshot", snap, option, value);
            Assert.Equal(3, status);
            Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        }
        finally { File.Delete(snap); }
    }

    [Fact]
    public void Write_puts_the_files_under_the_root_and_nowhere_else()
    {
        string snap = Snapshot("S1");
        string root = Directory.CreateTempSubdirectory("symroute-plan-root-").FullName;
        try
        {
            var (status, stdout, stderr) = Run("plan", "--snapshot", snap, "--backend", "netplan", "--root", root, "--write");
            Assert.True(status == 0, stderr);
            string yaml = Path.Combine(root, "etc/netplan/90-symroute.yaml");
            Assert.True(File.Exists(yaml));
            if (OperatingSystem.IsLinux())
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(yaml));
            Assert.True(File.Exists(Path.Combine(root, "etc/iproute2/rt_tables.d/symroute.conf")));
            Assert.Contains($"wrote {root}/etc/netplan/90-symroute.yaml", stdout);
            Assert.Empty(Directory.GetFiles(Path.Combine(root, "etc/netplan"), ".*"));
        }
        finally
        {
            File.Delete(snap);
            Directory.Delete(root, true);
        }
    }
}
