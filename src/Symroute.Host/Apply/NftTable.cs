using System.Diagnostics;

namespace Symroute.Host.Apply;

/// <summary>
/// symroute's own nftables table (<c>table inet symroute</c>, connmark strategy), through the
/// <c>nft</c> binary: listed before an apply, loaded with <c>nft -f -</c>, and on rollback deleted
/// or put back as it was. No other table is ever touched.
/// </summary>
public static class NftTable
{
    public const string Family = "inet";
    public const string Name = "symroute";

    /// <summary><c>nft list table inet symroute</c>; null when the table (or nft) is absent.</summary>
    public static string? List()
    {
        if (!Available)
            return null;
        var (status, stdout, _) = Run(null, "list", "table", Family, Name);
        return status == 0 ? stdout : null;
    }

    /// <summary>Loads a ruleset (which declares, deletes and recreates the table in one transaction).</summary>
    public static void Load(string ruleset)
    {
        if (!Available)
            throw new IOException("loading the connmark ruleset: nft (nftables) is not installed");
        var (status, _, stderr) = Run(ruleset, "-f", "-");
        if (status != 0)
            throw new IOException($"loading the connmark ruleset: nft: {FirstLine(stderr)}");
    }

    /// <summary>Puts the table back as <paramref name="before"/> listed it, or deletes it when it did not exist.</summary>
    public static void Restore(string? before)
    {
        if (before is null)
        {
            if (List() is not null)
            {
                var (status, _, stderr) = Run(null, "delete", "table", Family, Name);
                if (status != 0)
                    throw new IOException($"deleting table inet symroute: nft: {FirstLine(stderr)}");
            }
            return;
        }
        Load($"table {Family} {Name}\ndelete table {Family} {Name}\n{before}");
    }

    private static bool Available => File.Exists("/usr/sbin/nft") || File.Exists("/sbin/nft") || File.Exists("/usr/bin/nft");

    private static string FirstLine(string s) => s.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "failed";

    private static (int Status, string Stdout, string Stderr) Run(string? stdin, params string[] args)
    {
        var psi = new ProcessStartInfo("nft")
        {
            RedirectStandardInput = stdin is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new IOException("cannot start nft");
        var err = p.StandardError.ReadToEndAsync();
        var outp = p.StandardOutput.ReadToEndAsync();
        if (stdin is not null)
        {
            p.StandardInput.Write(stdin);
            p.StandardInput.Close();
        }
        p.WaitForExit();
        return (p.ExitCode, outp.Result, err.Result);
    }
}
