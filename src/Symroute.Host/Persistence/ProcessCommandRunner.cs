using System.ComponentModel;
using System.Diagnostics;

namespace Symroute.Host.Persistence;

/// <summary>Runs commands as child processes, arguments passed as they are (no shell), with a time limit.</summary>
public sealed class ProcessCommandRunner(TimeSpan? timeout = null) : ICommandRunner
{
    private readonly TimeSpan _timeout = timeout ?? TimeSpan.FromSeconds(90);

    public static ProcessCommandRunner Default { get; } = new();

    public CommandResult Run(IReadOnlyList<string> argv)
    {
        var psi = new ProcessStartInfo(argv[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in argv.Skip(1))
            psi.ArgumentList.Add(a);
        Process p;
        try
        {
            p = Process.Start(psi) ?? throw new Win32Exception(2);
        }
        catch (Win32Exception e)
        {
            return new CommandResult(127, "", $"{argv[0]}: {e.Message}");
        }
        using (p)
        {
            p.StandardInput.Close();
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(_timeout))
            {
                try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                p.WaitForExit();
                return new CommandResult(124, stdout.Result, $"{argv[0]}: no answer after {_timeout.TotalSeconds:0} s; killed");
            }
            p.WaitForExit();
            return new CommandResult(p.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
