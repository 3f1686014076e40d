using System.Diagnostics;
using Symroute.Model;
using Symroute.Sources.Netfilter;

namespace Symroute.Host.Netfilter;

/// <summary>
/// Reads the packet filter's NAT and connection-mark rules: <c>nft -j list ruleset</c> (which also
/// shows iptables-nft rules), plus <c>iptables-legacy-save</c> where the legacy backend is in use,
/// or <c>iptables-save</c> when no <c>nft</c> binary exists. Each is one process run; nothing is changed.
/// </summary>
public static class FirewallReader
{
    /// <summary>The ruleset, or null with the reason it could not be read.</summary>
    public static (Firewall? Firewall, string? Unavailable) Read()
    {
        Firewall? result = null;
        string? error = null;
        if (Find("nft") is { } nft)
        {
            var r = Run(nft, "-j", "list", "ruleset");
            if (r.Status == 0) result = NftJsonParser.Parse(r.Stdout, "nft -j list ruleset");
            else error = $"nft -j list ruleset failed: {FirstLine(r.Stderr)}";
            foreach (var (tool, family) in new[] { ("iptables-legacy-save", "ip"), ("ip6tables-legacy-save", "ip6") })
                if (result is not null && Find(tool) is { } legacy && Run(legacy) is { Status: 0 } lr)
                    result = Merge(result, IptablesSaveParser.Parse(lr.Stdout, tool, family));
        }
        else
        {
            foreach (var (tool, family) in new[] { ("iptables-save", "ip"), ("ip6tables-save", "ip6") })
                if (Find(tool) is { } save)
                {
                    var r = Run(save);
                    if (r.Status == 0) result = Merge(result, IptablesSaveParser.Parse(r.Stdout, tool, family));
                    else error ??= $"{tool} failed: {FirstLine(r.Stderr)}";
                }
            if (result is null && error is null)
                error = "neither nft nor iptables-save is installed";
        }
        return result is not null ? (result, null) : (null, error);
    }

    private static Firewall Merge(Firewall? a, Firewall b) =>
        a is null ? b : new Firewall(a.Source == b.Source ? a.Source : $"{a.Source}+{b.Source}", a.NatRules.AddRange(b.NatRules), a.MarkRules.AddRange(b.MarkRules));

    private static string? Find(string tool)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(["/usr/sbin", "/sbin", "/usr/bin", "/bin"]))
            if (dir.Length > 0 && File.Exists(Path.Combine(dir, tool)))
                return Path.Combine(dir, tool);
        return null;
    }

    private static (int Status, string Stdout, string Stderr) Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["LC_ALL"] = "C";
        using var p = Process.Start(psi) ?? throw new IOException($"cannot run {file}");
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output, err.Result);
    }

    private static string FirstLine(string s) => s.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "no message";
}
