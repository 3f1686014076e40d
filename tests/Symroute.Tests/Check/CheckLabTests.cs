using System.Text.Json;
using Symroute.Tests.Lab;
using Xunit;

namespace Symroute.Tests.Check;

/// <summary>
/// S1 in network namespaces (<see cref="S1Lab"/>), tried as a new user would: check finds the
/// asymmetry, a real connection through the stateful firewall times out, the fix by hand makes it
/// connect and check clean.
/// </summary>
public class CheckLabTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    [NftLabFact]
    public void S1_lab_asymmetric_reply_times_out_until_fixed_by_hand()
    {
        using var lab = S1Lab.Create("chk");
        string root = Directory.CreateTempSubdirectory("sr-check-root-").FullName;
        using var listener = lab.Listen(8080);
        try
        {
            // Before: check finds the asymmetry and exits 2; a real connection times out.
            var before = SymrouteProcess.Run(lab.Server, null, "check", "--root", root, "--json");
            Assert.True(before.Status == 2, $"exit {before.Status}: {before.Stderr}\n{before.Stdout}");
            using (var doc = JsonDocument.Parse(before.Stdout))
                Assert.Contains(doc.RootElement.GetProperty("findings").EnumerateArray(), f =>
                    f.GetProperty("code").GetString() == "asymmetric-reply"
                    && f.GetProperty("severity").GetString() == "critical"
                    && f.GetProperty("subject").GetProperty("interface").GetString() == "eth1"
                    && f.GetProperty("subject").GetProperty("address").GetString() == "10.10.20.50");
            Assert.Null(lab.Connect(S1Lab.Eth1Address, 8080, Timeout));

            // The fix by hand: one table per interface, one rule per address (scenarios.md S1).
            lab.Server.IpBatch([
                "route add 192.168.1.0/24 dev eth0 scope link src 192.168.1.50 table 101",
                "route add default via 192.168.1.1 dev eth0 table 101",
                "route add 10.10.20.0/24 dev eth1 scope link src 10.10.20.50 table 102",
                "route add default via 10.10.20.1 dev eth1 table 102",
                "rule add from 192.168.1.50 lookup 101 priority 1000",
                "rule add from 10.10.20.50 lookup 102 priority 1001",
            ]);

            Assert.True(lab.Connects(S1Lab.Eth1Address, 8080, Timeout), lab.Dump());
            var after = SymrouteProcess.Run(lab.Server, null, "check", "--root", root);
            Assert.True(after.Status == 0, $"exit {after.Status}: {after.Stderr}\n{after.Stdout}");
            Assert.StartsWith("OK: ", after.Stdout);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
