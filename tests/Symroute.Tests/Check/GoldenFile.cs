using Symroute.Tests.Build;
using Xunit;

namespace Symroute.Tests.Check;

/// <summary>
/// Golden files in the source tree: compared exactly, rewritten when the environment has
/// UPDATE_GOLDEN=1 (then review the diff with git).
/// </summary>
public static class GoldenFile
{
    public static bool Updating => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    /// <summary>Compares <paramref name="actual"/> with the file at <paramref name="repoRelative"/> (from the repository root), or rewrites it.</summary>
    public static void Check(string repoRelative, string actual)
    {
        string path = Path.Combine(RepoPaths.Root, repoRelative);
        if (Updating)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (!File.Exists(path) || File.ReadAllText(path) != actual)
                File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"{repoRelative} is missing: run the tests with UPDATE_GOLDEN=1 to create it");
        string expected = File.ReadAllText(path);
        if (expected != actual)
        {
            int line = 1, i = 0;
            for (; i < Math.Min(expected.Length, actual.Length) && expected[i] == actual[i]; i++)
                if (expected[i] == '\n') line++;
            Assert.Fail($"{repoRelative} differs from the output at line {line} (UPDATE_GOLDEN=1 rewrites it):\n--- expected\n{Excerpt(expected, i)}\n--- actual\n{Excerpt(actual, i)}");
        }
    }

    private static string Excerpt(string s, int at)
    {
        int start = Math.Max(0, s.LastIndexOf('\n', Math.Max(0, Math.Min(at, s.Length - 1))) + 1);
        int end = s.IndexOf('\n', Math.Min(s.Length, at + 1));
        return s[start..(end < 0 ? s.Length : end)];
    }
}
