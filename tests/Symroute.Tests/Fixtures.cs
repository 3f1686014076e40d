namespace Symroute.Tests;

/// <summary>Reads files under Fixtures/ (copied beside the test assembly).</summary>
public static class Fixtures
{
    public static string Path(string relative) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", relative);

    public static string Read(string relative) => File.ReadAllText(Path(relative));

    public static bool Exists(string relative) => File.Exists(Path(relative));
}
