namespace Symroute.Tests.Build;

/// <summary>Locates the repository checkout the tests were built from.</summary>
public static class RepoPaths
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "symroute.slnx")))
                return dir.FullName;
        throw new InvalidOperationException("symroute.slnx not found above " + AppContext.BaseDirectory);
    }
}
