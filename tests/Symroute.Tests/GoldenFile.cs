using System.Runtime.CompilerServices;
using Xunit;

namespace Symroute.Tests;

/// <summary>
/// Compares output with a file under tests/Symroute.Tests/Golden/. With UPDATE_GOLDEN=1 in the
/// environment the file is (re)written in the source tree instead, and the test passes.
/// </summary>
public static class GoldenFile
{
    public static void AssertMatches(string relative, string actual, [CallerFilePath] string caller = "")
    {
        string path = Path.Combine(SourceRoot(caller), "Golden", relative);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"golden file {path} is missing; run the tests with UPDATE_GOLDEN=1 to create it");
        string expected = File.ReadAllText(path);
        if (expected != actual)
        {
            // Point at the first differing line: golden files are long.
            var e = expected.Split('\n');
            var a = actual.Split('\n');
            int i = 0;
            while (i < e.Length && i < a.Length && e[i] == a[i]) i++;
            Assert.Fail($"{relative} differs at line {i + 1}:\n  expected: {(i < e.Length ? e[i] : "<end>")}\n  actual:   {(i < a.Length ? a[i] : "<end>")}\n(UPDATE_GOLDEN=1 rewrites the file)");
        }
    }

    /// <summary>tests/Symroute.Tests, found from a source file of the project.</summary>
    private static string SourceRoot(string caller)
    {
        var dir = Path.GetDirectoryName(caller);
        while (dir is not null && !File.Exists(Path.Combine(dir, "Symroute.Tests.csproj")))
            dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("cannot find Symroute.Tests.csproj above " + caller);
    }
}
