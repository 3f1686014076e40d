using System.Text;
using System.Text.Json;
using Symroute.Tests.Lab;
using Xunit;
using Xunit.Abstractions;

namespace Symroute.Tests.Planning;

/// <summary>
/// Issue 4's labs: the plan rendered for the runtime backend, run by its own script inside the
/// server namespace, fixes the real kernel's behaviour, not only the model's. Each asserts the
/// failure before (the connection times out through the stateful firewall), so it fails when
/// the plan does nothing.
/// </summary>
public class PlanLabTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    [NftLabFact]
    public void S1_runtime_plan_run_by_its_script_lets_the_client_connect_and_replans_empty()
    {
        using var lab = S1Lab.Create("pl1");
        string root = Directory.CreateTempSubdirectory("sr-plan-lab-").FullName;
        try
        {
            using var data = lab.Listen(8080);
            using var mgmt = lab.Listen(8081, S1Lab.Eth0Address);

            // Before: the SYN-ACK from 10.10.20.50 leaves eth0 and the firewall drops it.
            Assert.Null(lab.Connect(S1Lab.Eth1Address, 8080, Timeout));
            var check0 = SymrouteProcess.Run(lab.Server, null, "check", "--root", root);
            Assert.True(check0.Status == 2, $"check before: exit {check0.Status}\n{check0.Stdout}{check0.Stderr}");
            // A connection to eth0's address works before and must survive the change.
            using var held = lab.Open(S1Lab.Eth0Address, 8081, Timeout);
            Assert.NotNull(held);

            var plan = Plan(lab.Server, root, "--backend", "runtime", "--write");
            Assert.False(plan.GetProperty("empty_diff").GetBoolean());
            string script = Script(plan);
            output.WriteLine(script);
            var run = lab.Server.TryExec(script, "sh", "-s");
            Assert.True(run.Status == 0, $"the runtime script failed: {run.Stderr}");

            // After: the client connects to eth1's address; eth0's still works, the held connection too.
            Assert.True(lab.Connects(S1Lab.Eth1Address, 8080, Timeout), "no connection to 10.10.20.50 after the plan\n" + lab.Dump());
            Assert.True(lab.Connects(S1Lab.Eth0Address, 8081, Timeout), "no connection to 192.168.1.50 after the plan\n" + lab.Dump());
            Assert.Equal("still here", Echo(held!, "still here"));

            var check1 = SymrouteProcess.Run(lab.Server, null, "check", "--root", root);
            Assert.True(check1.Status == 0, $"check after: exit {check1.Status}\n{check1.Stdout}{check1.Stderr}\n{lab.Dump()}");

            // Re-planning the state read back over netlink (with the table names --write put under the root): nothing to do.
            var again = Plan(lab.Server, root, "--backend", "runtime");
            Assert.True(again.GetProperty("empty_diff").GetBoolean(), "re-plan not empty:\n" + again.GetRawText());
            Assert.Equal(0, again.GetProperty("summary").GetProperty("add").GetInt32());
            Assert.Equal(0, again.GetProperty("summary").GetProperty("remove").GetInt32());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [NftLabFact]
    public void S4_connmark_runtime_plan_sends_forwarded_dnat_replies_back_out_eth1()
    {
        using var lab = S4Lab.Create("pl4");
        string root = Directory.CreateTempSubdirectory("sr-plan-lab-").FullName;
        try
        {
            using var service = lab.Listen();

            // Before: the DNAT'd connection times out, and its replies were seen leaving eth0, never eth1.
            Assert.False(lab.Connects(Timeout), "the published port answers before the plan: the lab does not reproduce S4");
            Assert.True(lab.Replies("eth0") > 0, "no reply left eth0 before the plan\n" + lab.S1.Dump());
            Assert.Equal(0, lab.Replies("eth1"));
            var check0 = SymrouteProcess.Run(lab.Server, null, "check", "--root", root, "--json");
            Assert.True(check0.Status == 2, $"check before: exit {check0.Status}\n{check0.Stdout}{check0.Stderr}");
            using (var doc = JsonDocument.Parse(check0.Stdout))
                Assert.Contains(doc.RootElement.GetProperty("findings").EnumerateArray(), f =>
                    f.GetProperty("code").GetString() == "dnat-asymmetric-reply"
                    && f.GetProperty("subject").GetProperty("interface").GetString() == "eth1");

            var plan = Plan(lab.Server, root, "--strategy", "connmark", "--backend", "runtime", "--write");
            string script = Script(plan);
            output.WriteLine(script);
            Assert.Contains("nft -f -", script);
            var run = lab.Server.TryExec(script, "sh", "-s");
            Assert.True(run.Status == 0, $"the runtime script failed: {run.Stderr}");

            // After: the connection completes and its replies leave eth1 only.
            lab.ResetCounters();
            Assert.True(lab.Connects(Timeout), "no connection to 10.10.20.50:8080 after the plan\n" + lab.S1.Dump() + "\n" + lab.Server.Exec("nft", "list", "ruleset"));
            Assert.True(lab.Replies("eth1") > 0, "no reply left eth1 after the plan");
            Assert.Equal(0, lab.Replies("eth0"));

            var check1 = SymrouteProcess.Run(lab.Server, null, "check", "--root", root);
            Assert.True(check1.Status == 0, $"check after: exit {check1.Status}\n{check1.Stdout}{check1.Stderr}");

            // Re-planning the read-back state: every table, route, rule and sysctl already in place.
            // The connection marks count as in place because the firewall read back (nft -j) holds them.
            var again = Plan(lab.Server, root, "--strategy", "connmark", "--backend", "runtime");
            Assert.True(again.GetProperty("empty_diff").GetBoolean(), "re-plan not empty:\n" + again.GetRawText());
            Assert.All(again.GetProperty("connmarks").EnumerateArray(), c => Assert.Equal("keep", c.GetProperty("change").GetString()));
            Assert.Equal(2, again.GetProperty("connmarks").GetArrayLength());
            Assert.DoesNotContain("nft -f", Script(again));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Runs <c>symroute plan --root ROOT --json ARGS…</c> in the namespace; the JSON document's root.</summary>
    private static JsonElement Plan(Netns ns, string root, params string[] args)
    {
        var r = SymrouteProcess.Run(ns, null, ["plan", "--root", root, "--json", .. args]);
        Assert.True(r.Status == 0, $"plan {string.Join(' ', args)}: exit {r.Status}\n{r.Stderr}\n{r.Stdout}");
        using var doc = JsonDocument.Parse(r.Stdout);
        return doc.RootElement.Clone();
    }

    private static string Script(JsonElement plan) =>
        plan.GetProperty("backends").EnumerateArray().Single(b => b.GetProperty("backend").GetString() == "runtime")
            .GetProperty("runtime").GetProperty("script").GetString()!;

    private static string? Echo(System.Net.Sockets.Socket socket, string text)
    {
        using var cts = new CancellationTokenSource(Timeout);
        try
        {
            socket.SendAsync(Encoding.ASCII.GetBytes(text), System.Net.Sockets.SocketFlags.None, cts.Token).AsTask().GetAwaiter().GetResult();
            var buffer = new byte[64];
            int n = socket.ReceiveAsync(buffer, System.Net.Sockets.SocketFlags.None, cts.Token).AsTask().GetAwaiter().GetResult();
            return Encoding.ASCII.GetString(buffer, 0, n);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}
