using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Symroute.Host.Apply;
using Symroute.Tests.Check;
using Symroute.Tests.Lab;
using Xunit;

namespace Symroute.Tests.Apply;

/// <summary>
/// <c>symroute apply</c>, <c>confirm</c> and <c>revert</c> run as real processes inside namespace
/// labs (S1 with client, stateful firewall and server; or a lone two-uplink server), with a
/// temporary --root. "Exactly as before" is always a comparison of full <c>ip -json</c> dumps of
/// every rule and every route of every table, both families.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class ApplyLabTests
{
    private static readonly TimeSpan Probe = TimeSpan.FromSeconds(3);

    [NftLabFact]
    public void S1_apply_fixes_the_lab_keeps_held_connections_touches_no_foreign_state_and_reverts_exactly()
    {
        using var lab = S1Lab.Create("apl");
        using var eth1 = lab.Listen(8080);
        using var eth0 = lab.Listen(8081, S1Lab.Eth0Address);
        // Another agent's table and wg-quick's rules (auto priorities, as wg-quick adds them).
        lab.Server.IpBatch([
            "route add blackhole 198.51.100.0/24 proto static table 100",
            "rule add to 198.51.100.0/24 lookup 100 priority 500",
            "route add blackhole 172.16.0.0/12 table 51820",
            "rule add not fwmark 0xca6c lookup 51820",
            "rule add lookup main suppress_prefixlength 0",
        ]);
        Settle(lab.Server, links: 2);
        string root = TempRoot();
        try
        {
            var (rules0, routes0) = (S1Lab.Rules(lab.Server), S1Lab.Routes(lab.Server));
            Assert.Null(lab.Connect(S1Lab.Eth1Address, 8080, Probe));
            using var held = lab.Open(S1Lab.Eth0Address, 8081, Probe);
            Assert.NotNull(held);

            var apply = SymrouteProcess.Run(lab.Server, null, "apply", "--runtime-only", "--yes", "--root", root);
            Assert.True(apply.Status == 0, $"exit {apply.Status}: {apply.Stderr}\n{apply.Stdout}\n{lab.Dump()}");

            Assert.True(lab.Connects(S1Lab.Eth1Address, 8080, Probe), lab.Dump());
            Assert.Equal("still here", Echo(held!, "still here"));
            var check = SymrouteProcess.Run(lab.Server, null, "check", "--root", root);
            Assert.True(check.Status == 0, $"exit {check.Status}: {check.Stdout}{check.Stderr}");

            // Every rule and route there before is still there, byte for byte (ip -json objects).
            var (rules1, routes1) = (S1Lab.Rules(lab.Server), S1Lab.Routes(lab.Server));
            AssertContainsAll(rules0, rules1);
            AssertContainsAll(routes0, routes1);
            var journal = JournalFile.Read(root)!;
            Assert.Equal(JournalState.Applied, journal.State);

            // Idempotent: the second apply plans nothing and changes nothing.
            var again = SymrouteProcess.Run(lab.Server, null, "apply", "--runtime-only", "--yes", "--root", root);
            Assert.True(again.Status == 0, again.Stderr);
            Assert.Contains("nothing to change", again.Stdout);
            Assert.Equal(rules1, S1Lab.Rules(lab.Server));
            Assert.Equal(routes1, S1Lab.Routes(lab.Server));

            var revert = SymrouteProcess.Run(lab.Server, null, "revert", "--root", root);
            Assert.True(revert.Status == 0, $"exit {revert.Status}: {revert.Stderr}\n{revert.Stdout}");
            Assert.Equal(rules0, S1Lab.Rules(lab.Server));
            Assert.Equal(routes0, S1Lab.Routes(lab.Server));
            Assert.Equal(JournalState.Reverted, JournalFile.Read(root)!.State);
            Assert.Equal("after revert", Echo(held!, "after revert"));

            var twice = SymrouteProcess.Run(lab.Server, null, "revert", "--root", root);
            Assert.Equal(1, twice.Status);
            Assert.Contains("nothing to revert", twice.Stderr);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [RootFact]
    public void Try_without_confirm_reverts_at_the_timeout_to_exactly_the_state_before()
    {
        using var server = TwoUplinkServer("try");
        string root = TempRoot();
        try
        {
            var before = Dump(server);
            var r = SymrouteProcess.Run(server, null, "apply", "--runtime-only", "--yes", "--try", "3", "--root", root);
            Assert.True(r.Status == 1, $"exit {r.Status}: {r.Stderr}\n{r.Stdout}");
            Assert.Contains("not confirmed in time", r.Stdout);
            Assert.Equal(before, Dump(server));
            Assert.Equal(JournalState.Reverted, JournalFile.Read(root)!.State);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [RootFact]
    public void Try_reverts_by_the_watchdog_when_the_applying_process_is_killed()
    {
        using var server = TwoUplinkServer("kill");
        string root = TempRoot();
        try
        {
            var before = Dump(server);
            using var apply = Start(server, "apply", "--runtime-only", "--yes", "--try", "3", "--root", root);
            var trial = WaitForJournal(root, JournalState.Trial);
            Assert.NotEqual(before, Dump(server));
            Assert.NotNull(trial.WatchdogPid);
            apply.Kill();
            apply.WaitForExit();

            var reverted = WaitForJournal(root, JournalState.Reverted);
            Assert.Equal(before, Dump(server));
            Assert.Contains("reverting", File.ReadAllText(ApplyPaths.WatchdogLog(root)));
            Assert.Equal(trial.Id, reverted.Id);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [RootFact]
    public void Confirm_keeps_a_trial_and_revert_undoes_it_later()
    {
        using var server = TwoUplinkServer("cnf");
        string root = TempRoot();
        try
        {
            var before = Dump(server);
            using var apply = Start(server, "apply", "--runtime-only", "--yes", "--try", "60", "--root", root);
            var trial = WaitForJournal(root, JournalState.Trial);
            var confirm = SymrouteProcess.Run(server, null, "confirm", "--root", root);
            Assert.True(confirm.Status == 0, confirm.Stderr);
            Assert.True(apply.WaitForExit(60_000));
            Assert.Equal(0, apply.ExitCode);
            var applied = Dump(server);
            Assert.NotEqual(before, applied);
            // The watchdog is gone and changed nothing.
            Assert.True(WaitUntil(() => !ProcessState.IsAlive(trial.WatchdogPid!.Value)));
            Assert.Equal(applied, Dump(server));
            Assert.Equal(JournalState.Confirmed, JournalFile.Read(root)!.State);

            Assert.Equal(1, SymrouteProcess.Run(server, null, "confirm", "--root", root).Status);
            var revert = SymrouteProcess.Run(server, null, "revert", "--root", root);
            Assert.True(revert.Status == 0, revert.Stderr);
            Assert.Equal(before, Dump(server));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [RootFact]
    public void A_failure_half_way_leaves_the_state_exactly_as_before()
    {
        using var server = TwoUplinkServer("flt");
        string root = TempRoot();
        try
        {
            var before = Dump(server);
            var r = server.TryExec(null, ["env", "SYMROUTE_FAULT_AT_STEP=3", .. SymrouteProcess.Command, "apply", "--runtime-only", "--yes", "--root", root]);
            Assert.True(r.Status == 2, $"exit {r.Status}: {r.Stderr}\n{r.Stdout}");
            Assert.Contains("every change undone", r.Stderr);
            Assert.Single(r.Stderr.Trim().Split('\n'));
            Assert.Equal(before, Dump(server));
            Assert.Equal(JournalState.RolledBack, JournalFile.Read(root)!.State);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [RootFact]
    public void A_kernel_refusal_half_way_is_reported_and_leaves_the_state_exactly_as_before()
    {
        // eth1's gateway given by hand is off-link: its table's connected route goes in, then the
        // kernel refuses the default route via it (fib_check_nh: ENETUNREACH).
        using var server = TwoUplinkServer("unr", eth1Gateway: false);
        string root = TempRoot();
        try
        {
            var before = Dump(server);
            var r = SymrouteProcess.Run(server, null, "apply", "--runtime-only", "--yes", "--gateway", "eth1=10.99.0.1", "--root", root);
            Assert.True(r.Status == 2, $"exit {r.Status}: {r.Stderr}\n{r.Stdout}");
            Assert.Contains("RTNETLINK answers: Network is unreachable", r.Stderr);
            Assert.Equal(before, Dump(server));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [RootFact]
    public void Without_privilege_apply_says_so_and_changes_nothing()
    {
        using var server = TwoUplinkServer("prm");
        string root = TempRoot();
        try
        {
            var before = Dump(server);
            var r = server.TryExec(null, ["setpriv", "--inh-caps=-all", "--bounding-set=-all", .. SymrouteProcess.Command, "apply", "--runtime-only", "--yes", "--root", root]);
            Assert.True(r.Status == 3, $"exit {r.Status}: {r.Stderr}\n{r.Stdout}");
            Assert.Contains("Operation not permitted", r.Stderr);
            Assert.Single(r.Stderr.Trim().Split('\n'));
            Assert.Equal(before, Dump(server));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [RootFact]
    public void A_second_apply_is_refused_while_the_lock_is_held_and_without_a_terminal_apply_asks_for_yes()
    {
        using var server = TwoUplinkServer("lck");
        string root = TempRoot();
        try
        {
            var before = Dump(server);
            var noTty = SymrouteProcess.Run(server, "", "apply", "--runtime-only", "--root", root);
            Assert.Equal(3, noTty.Status);
            Assert.Contains("--yes", noTty.Stderr);

            ApplyPaths.EnsureDir(root);
            using (FileLock.TryAcquire(ApplyPaths.Lock(root)))
            {
                var locked = SymrouteProcess.Run(server, null, "apply", "--runtime-only", "--yes", "--root", root);
                Assert.Equal(3, locked.Status);
                Assert.Contains("is locked", locked.Stderr);
            }
            Assert.Equal(before, Dump(server));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [NftLabFact]
    public void Connmark_loads_only_symroutes_nftables_table_and_revert_removes_it()
    {
        using var server = TwoUplinkServer("cmk");
        server.TryExec("table inet other {\n chain c {\n type filter hook input priority 0; policy accept;\n }\n}\n", "nft", "-f", "-");
        string root = TempRoot();
        try
        {
            var before = Dump(server);
            string rulesetBefore = server.Exec("nft", "list", "ruleset");
            var r = SymrouteProcess.Run(server, null, "apply", "--strategy", "connmark", "--runtime-only", "--yes", "--root", root);
            Assert.True(r.Status == 0, $"exit {r.Status}: {r.Stderr}\n{r.Stdout}");
            Assert.Contains("table inet symroute", server.Exec("nft", "list", "tables"));
            Assert.Contains("table inet other", server.Exec("nft", "list", "tables"));

            var again = SymrouteProcess.Run(server, null, "apply", "--strategy", "connmark", "--runtime-only", "--yes", "--root", root);
            Assert.True(again.Status == 0, again.Stderr);
            Assert.Contains("nothing to change", again.Stdout);

            var revert = SymrouteProcess.Run(server, null, "revert", "--root", root);
            Assert.True(revert.Status == 0, $"exit {revert.Status}: {revert.Stderr}\n{revert.Stdout}");
            Assert.Equal(before, Dump(server));
            Assert.Equal(rulesetBefore, server.Exec("nft", "list", "ruleset"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [RootFact]
    public void Persist_writes_the_backend_files_with_backups_a_second_apply_writes_nothing_and_revert_restores_them()
    {
        const string oldTables = "# Routing tables symroute allocated, one per interface (ip route show table symroute-IF).\n" +
            "# Written by symroute (strategy source-rules); regenerate with `symroute plan --write` rather than editing.\n1001\tsymroute-eth9\n";
        string[] paths = ["etc/iproute2/rt_tables.d/symroute.conf", "etc/iproute2/rt_protos.d/symroute.conf", "etc/network/interfaces.d/symroute"];
        using var server = TwoUplinkServer("pst");
        string root = TempRoot();
        try
        {
            string tables = Path.Combine(root, paths[0]);
            Directory.CreateDirectory(Path.GetDirectoryName(tables)!);
            File.WriteAllText(tables, oldTables);
            File.SetUnixFileMode(tables, (UnixFileMode)0b110_100_100);
            var before = Dump(server);

            var r = SymrouteProcess.Run(server, null, "apply", "--persist", "--backend", "ifupdown", "--yes", "--root", root);
            Assert.True(r.Status == 0, $"exit {r.Status}: {r.Stderr}\n{r.Stdout}");
            string written = Listing(root, paths);
            GoldenFile.AssertMatches("apply/ifupdown-persist.txt", written);
            var journal = JournalFile.Read(root)!;
            Assert.NotNull(journal.BackupDir);
            Assert.True(File.Exists(Path.Combine(journal.BackupDir!, "manifest.json")));
            Assert.Equal(oldTables, File.ReadAllText(Path.Combine(journal.BackupDir!, "files", paths[0])));

            var again = SymrouteProcess.Run(server, null, "apply", "--persist", "--backend", "ifupdown", "--yes", "--root", root);
            Assert.True(again.Status == 0, again.Stderr);
            Assert.Contains("nothing to change", again.Stdout);
            Assert.Equal(written, Listing(root, paths));
            Assert.Equal(journal.Id, JournalFile.Read(root)!.Id);

            var revert = SymrouteProcess.Run(server, null, "revert", "--root", root);
            Assert.True(revert.Status == 0, $"exit {revert.Status}: {revert.Stderr}\n{revert.Stdout}");
            Assert.Equal(oldTables, File.ReadAllText(tables));
            Assert.Equal((UnixFileMode)0b110_100_100, File.GetUnixFileMode(tables));
            Assert.False(File.Exists(Path.Combine(root, paths[1])));
            Assert.False(File.Exists(Path.Combine(root, paths[2])));
            Assert.Equal(before, Dump(server));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string Listing(string root, string[] paths) => string.Concat(paths.Select(p =>
    {
        string f = Path.Combine(root, p);
        return File.Exists(f) ? $"== {p} ({Convert.ToString((int)File.GetUnixFileMode(f), 8)})\n{File.ReadAllText(f)}" : $"== {p} absent\n";
    }));

    /// <summary>
    /// A server with two uplinks (veth pairs whose peers sit in the same namespace, unaddressed):
    /// eth0 192.168.1.50/24 with the default via 192.168.1.1, eth1 10.10.20.50/24 whose gateway
    /// 10.10.20.1 serves 10.20.0.0/16, plus a foreign table and wg-quick's rules.
    /// </summary>
    private static Netns TwoUplinkServer(string prefix, bool eth1Gateway = true)
    {
        var ns = Netns.Create(prefix);
        try
        {
            ns.IpBatch([
                "link add eth0 type veth peer name p0", "link add eth1 type veth peer name p1",
                "link set eth0 up", "link set eth1 up", "link set p0 up", "link set p1 up",
                "addr add 192.168.1.50/24 dev eth0", "addr add 10.10.20.50/24 dev eth1",
                "route add default via 192.168.1.1 dev eth0",
                .. (eth1Gateway ? new[] { "route add 10.20.0.0/16 via 10.10.20.1 dev eth1" } : []),
                "route add 198.51.100.0/24 via 192.168.1.1 dev eth0 proto static table 100",
                "rule add from 192.168.1.99 lookup 100 priority 500",
                "rule add not fwmark 0xca6c lookup 51820",
                "rule add lookup main suppress_prefixlength 0",
            ]);
            Settle(ns, links: 4);
            return ns;
        }
        catch
        {
            ns.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Waits until the kernel has finished configuring IPv6 on the new links (each veth gets its
    /// link-local address, and with it fe80::/64 and local routes, shortly after it comes up), so
    /// that "the state before" is not still changing by itself.
    /// </summary>
    private static void Settle(Netns ns, int links)
    {
        string last = "";
        Assert.True(WaitUntil(() =>
        {
            string addrs = ns.Ip("-6", "addr", "show", "scope", "link");
            string now = Dump(ns);
            bool ready = addrs.Split("inet6 fe80").Length - 1 >= links && !addrs.Contains("tentative", StringComparison.Ordinal) && now == last;
            last = now;
            if (!ready) Thread.Sleep(200);
            return ready;
        }), $"IPv6 link-local configuration did not settle in {ns.Name}");
    }

    private static string Dump(Netns ns) => $"{S1Lab.Rules(ns)}\n{S1Lab.Routes(ns)}";

    private static string TempRoot() => Directory.CreateTempSubdirectory("sr-apply-root-").FullName;

    private static Process Start(Netns ns, params string[] args)
    {
        var psi = new ProcessStartInfo("ip") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])["netns", "exec", ns.Name, .. SymrouteProcess.Command, .. args]) psi.ArgumentList.Add(a);
        var p = Process.Start(psi)!;
        p.StandardInput.Close();
        _ = p.StandardOutput.ReadToEndAsync();
        _ = p.StandardError.ReadToEndAsync();
        return p;
    }

    private static Journal WaitForJournal(string root, JournalState state)
    {
        Journal? last = null;
        Assert.True(WaitUntil(() =>
        {
            try
            {
                last = JournalFile.Read(root);
            }
            catch (Exception e) when (e is IOException or global::Symroute.Sources.InputException)
            {
                return false;
            }
            return last?.State == state;
        }), $"the journal never reached {state} (last: {last?.State}, {last?.Message})");
        return last!;
    }

    private static bool WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (condition()) return true;
            Thread.Sleep(100);
        }
        return condition();
    }

    private static string? Echo(System.Net.Sockets.Socket socket, string text)
    {
        socket.Send(Encoding.ASCII.GetBytes(text));
        var buffer = new byte[64];
        socket.ReceiveTimeout = 3000;
        int n = socket.Receive(buffer);
        return Encoding.ASCII.GetString(buffer, 0, n);
    }

    /// <summary>Every JSON object of each line of <paramref name="before"/> appears unchanged in the same line of <paramref name="after"/>.</summary>
    private static void AssertContainsAll(string before, string after)
    {
        var b = before.Split('\n');
        var a = after.Split('\n');
        Assert.Equal(b.Length, a.Length);
        for (int i = 0; i < b.Length; i++)
        {
            using var db = JsonDocument.Parse(b[i]);
            using var da = JsonDocument.Parse(a[i]);
            var have = da.RootElement.EnumerateArray().Select(e => e.GetRawText()).ToList();
            foreach (var e in db.RootElement.EnumerateArray())
                Assert.True(have.Remove(e.GetRawText()), $"missing after apply: {e.GetRawText()}");
        }
    }
}
