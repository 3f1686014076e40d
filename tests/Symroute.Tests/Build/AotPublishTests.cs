using System.Text.RegularExpressions;
using Symroute.Tests.Lab;
using Xunit;
using Xunit.Abstractions;

namespace Symroute.Tests.Build;

/// <summary>
/// The CLI ships as one Native AOT binary: publishing must succeed with no trim or AOT warning
/// (IL2xxx / IL3xxx), and the binary must run. Published from a copy of the sources so the
/// test run's own build output is left alone.
/// </summary>
public sealed partial class AotPublishTests(ITestOutputHelper output)
{
    [GeneratedRegex(@"warning (IL\d{4}|AOT\w*)")]
    private static partial Regex TrimWarning();

    [Fact]
    public void Cli_publishes_as_native_aot_without_warnings()
    {
        string work = Directory.CreateTempSubdirectory("symroute-aot-").FullName;
        try
        {
            foreach (var f in new[] { "Directory.Build.props" })
                File.Copy(Path.Combine(RepoPaths.Root, f), Path.Combine(work, f));
            CopyTree(Path.Combine(RepoPaths.Root, "src"), Path.Combine(work, "src"));
            string outDir = Path.Combine(work, "out");

            var publish = Netns.RunRaw(null, "dotnet", "publish", Path.Combine(work, "src/Symroute.Cli/Symroute.Cli.csproj"),
                "-c", "Release", "-o", outDir, "-p:TreatWarningsAsErrors=false", "-nologo", "-clp:NoSummary");
            var warnings = publish.Stdout.Split('\n').Where(l => TrimWarning().IsMatch(l)).Distinct().ToList();
            foreach (var w in warnings) output.WriteLine(w);
            Assert.True(publish.Status == 0, "publish failed:\n" + publish.Stdout + publish.Stderr);
            Assert.Empty(warnings);

            string binary = Path.Combine(outDir, "symroute");
            Assert.True(File.Exists(binary), "no native binary at " + binary);
            output.WriteLine($"native binary: {new FileInfo(binary).Length / 1024} KiB");
            var help = Netns.RunRaw(null, binary, "--help");
            Assert.Equal(0, help.Status);
            Assert.Contains("Usage: symroute", help.Stdout);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            string rel = Path.GetRelativePath(from, dir);
            if (rel.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj")) continue;
            Directory.CreateDirectory(Path.Combine(to, rel));
        }
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string rel = Path.GetRelativePath(from, file);
            if (rel.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj")) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(to, rel))!);
            File.Copy(file, Path.Combine(to, rel));
        }
    }
}
