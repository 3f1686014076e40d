namespace Symroute.Tests.Lab;

/// <summary>Runs the built <c>symroute</c> CLI (symroute.dll beside the tests) as a real process, optionally inside a namespace.</summary>
public static class SymrouteProcess
{
    public static string DllPath => Path.Combine(AppContext.BaseDirectory, "symroute.dll");

    /// <summary>
    /// The CLI project is self-contained (for Native AOT), so its own runtimeconfig names no shared
    /// framework and <c>dotnet symroute.dll</c> cannot start it; the test assembly's runtimeconfig
    /// and deps (same directory, same assemblies) run it on the shared framework instead.
    /// </summary>
    public static string[] Command => [
        "dotnet", "exec",
        "--runtimeconfig", Path.Combine(AppContext.BaseDirectory, "Symroute.Tests.runtimeconfig.json"),
        "--depsfile", Path.Combine(AppContext.BaseDirectory, "Symroute.Tests.deps.json"),
        DllPath,
    ];

    public static ProcessResult Run(Netns? ns, string? stdin, params string[] args)
    {
        string[] argv = [.. Command, .. args];
        return ns is null ? Netns.RunRaw(stdin, argv) : ns.TryExec(stdin, argv);
    }
}
