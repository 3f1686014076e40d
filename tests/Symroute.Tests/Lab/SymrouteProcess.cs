namespace Symroute.Tests.Lab;

/// <summary>Runs the built <c>symroute</c> CLI (symroute.dll beside the tests) as a real process, optionally inside a namespace.</summary>
public static class SymrouteProcess
{
    public static string DllPath => Path.Combine(AppContext.BaseDirectory, "symroute.dll");

    public static ProcessResult Run(Netns? ns, string? stdin, params string[] args)
    {
        string[] argv = ["dotnet", DllPath, .. args];
        return ns is null ? Netns.RunRaw(stdin, argv) : ns.TryExec(stdin, argv);
    }
}
