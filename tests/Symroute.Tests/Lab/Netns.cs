using System.Diagnostics;

namespace Symroute.Tests.Lab;

/// <summary>
/// A network namespace a test creates and owns: a unique name, removed on Dispose even when the
/// test fails. Tests change only namespaces they made; nothing here touches the host's network.
/// </summary>
public sealed class Netns : IDisposable
{
    private static int _counter;

    public string Name { get; }

    private Netns(string name) => Name = name;

    /// <summary>Whether this process may create namespaces (root and the <c>ip</c> binary present).</summary>
    public static bool Available => Environment.UserName == "root" && (File.Exists("/usr/bin/ip") || File.Exists("/sbin/ip") || File.Exists("/bin/ip"));

    /// <summary>Creates <c>sr-PREFIX-PID-N</c>, with loopback up and DAD off (so IPv6 addresses are usable at once).</summary>
    public static Netns Create(string prefix)
    {
        SweepOrphans();
        string name = $"sr-{prefix}-{Environment.ProcessId}-{Interlocked.Increment(ref _counter)}";
        if (name.Length > 60) name = name[..60];
        Run("ip", "netns", "add", name);
        var ns = new Netns(name);
        try
        {
            ns.Exec("sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0");
            ns.Exec("ip", "link", "set", "lo", "up");
        }
        catch
        {
            ns.Dispose();
            throw;
        }
        return ns;
    }

    private static int _swept;

    /// <summary>
    /// Once per test process: deletes the <c>sr-PREFIX-PID-N</c> namespaces of test processes that
    /// no longer run. Dispose cannot run in a process killed by SIGKILL or a CI timeout, and its
    /// namespaces would otherwise stay on the machine for good.
    /// </summary>
    private static void SweepOrphans()
    {
        if (Interlocked.Exchange(ref _swept, 1) != 0 || !Directory.Exists("/run/netns"))
            return;
        foreach (var path in Directory.EnumerateFiles("/run/netns", "sr-*"))
        {
            string[] parts = Path.GetFileName(path).Split('-');
            if (parts.Length < 4 || !int.TryParse(parts[^2], out int pid) || pid == Environment.ProcessId || Directory.Exists($"/proc/{pid}"))
                continue;
            RunRaw(null, "ip", "netns", "del", Path.GetFileName(path));
        }
    }

    /// <summary>Runs a command inside the namespace; throws with its stderr when it fails.</summary>
    public string Exec(params string[] argv) => Run(["ip", "netns", "exec", Name, .. argv]);

    /// <summary>Runs a command inside the namespace and returns status, stdout and stderr without throwing.</summary>
    public ProcessResult TryExec(string? stdin, params string[] argv) => RunRaw(stdin, ["ip", "netns", "exec", Name, .. argv]);

    /// <summary><c>ip -n NAME ARGS…</c>.</summary>
    public string Ip(params string[] args) => Run(["ip", "-n", Name, .. args]);

    /// <summary>Runs a batch of <c>ip</c> commands (one per line) in the namespace.</summary>
    public void IpBatch(IEnumerable<string> lines)
    {
        var r = RunRaw(string.Join('\n', lines) + "\n", "ip", "-n", Name, "-batch", "-");
        if (r.Status != 0)
            throw new InvalidOperationException($"ip -batch failed in {Name}: {r.Stderr.Trim()}");
    }

    public static string Run(params string[] argv)
    {
        var r = RunRaw(null, argv);
        if (r.Status != 0)
            throw new InvalidOperationException($"'{string.Join(' ', argv)}' exited {r.Status}: {r.Stderr.Trim()}");
        return r.Stdout;
    }

    public static ProcessResult RunRaw(string? stdin, params string[] argv)
    {
        var psi = new ProcessStartInfo(argv[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var a in argv.Skip(1)) psi.ArgumentList.Add(a);
        psi.Environment["LC_ALL"] = "C";
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var outp = p.StandardOutput.ReadToEndAsync();
        if (stdin is not null)
        {
            p.StandardInput.Write(stdin);
            p.StandardInput.Close();
        }
        p.WaitForExit();
        return new ProcessResult(p.ExitCode, outp.Result, err.Result);
    }

    public void Dispose()
    {
        // Kill anything left running inside, then delete; veth peers in the namespace go with it.
        var pids = RunRaw(null, "ip", "netns", "pids", Name);
        if (pids.Status == 0)
            foreach (var pid in pids.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                RunRaw(null, "kill", "-9", pid.Trim());
        RunRaw(null, "ip", "netns", "del", Name);
    }
}

public sealed record ProcessResult(int Status, string Stdout, string Stderr);
