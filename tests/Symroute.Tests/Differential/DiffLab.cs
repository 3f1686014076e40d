using Symroute.Tests.Lab;

namespace Symroute.Tests.Differential;

/// <summary>
/// A generated configuration built in two fresh namespaces: the host under test and a peer
/// holding the far ends of the veth pairs (so the host side has carrier). Commands the kernel
/// rejects are recorded and skipped; the kernel is the judge of what exists.
/// </summary>
public sealed class DiffLab : IDisposable
{
    public DiffConfig Config { get; }
    public Netns Host { get; }
    public Netns Peer { get; }
    public IReadOnlyList<StepOutcome> Outcomes { get; }

    private DiffLab(DiffConfig config, Netns host, Netns peer, IReadOnlyList<StepOutcome> outcomes)
    {
        Config = config;
        Host = host;
        Peer = peer;
        Outcomes = outcomes;
    }

    public static DiffLab Build(DiffConfig config, string prefix = "dt")
    {
        var host = Netns.Create(prefix);
        Netns? peer = null;
        try
        {
            peer = Netns.Create(prefix + "p");
            var outcomes = new List<StepOutcome>();
            var steps = config.Steps;
            for (int i = 0; i < steps.Length;)
            {
                int j = i;
                while (j < steps.Length && steps[j].Target == steps[i].Target) j++;
                outcomes.AddRange(Run(host, peer, steps[i].Target, steps[i..j]));
                i = j;
            }
            WaitSettled(host);
            return new DiffLab(config, host, peer, outcomes);
        }
        catch
        {
            peer?.Dispose();
            host.Dispose();
            throw;
        }
    }

    private static IEnumerable<StepOutcome> Run(Netns host, Netns peer, StepTarget target, IReadOnlyList<ConfigStep> steps)
    {
        if (target == StepTarget.Sysctl)
        {
            // One process; sysctl reports each failing key by name and goes on with the others.
            var r = host.TryExec(null, ["sysctl", "-q", "-w", .. steps.Select(s => s.Text)]);
            var errLines = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            foreach (var s in steps)
            {
                string key = s.Text[..s.Text.IndexOf('=')];
                string path = key.Replace('.', '/');
                var err = errLines.FirstOrDefault(l => l.Contains(key, StringComparison.Ordinal) || l.Contains(path, StringComparison.Ordinal));
                yield return new StepOutcome(s, err);
            }
            yield break;
        }
        var ns = target == StepTarget.PeerIp ? peer : host;
        string[] opts = target switch
        {
            StepTarget.HostIp4 => ["-4"],
            StepTarget.HostIp6 => ["-6"],
            _ => [],
        };
        string input = string.Join('\n', steps.Select(s => s.Text.Replace("{peer}", peer.Name, StringComparison.Ordinal))) + "\n";
        var res = Netns.RunRaw(input, ["ip", "-n", ns.Name, .. opts, "-force", "-batch", "-"]);
        var errors = BatchErrors.Parse(res.Stderr);
        for (int k = 0; k < steps.Count; k++)
            yield return new StepOutcome(steps[k], errors.GetValueOrDefault(k + 1));
    }

    /// <summary>
    /// Waits until the namespace stops changing, so that the kernel's answers and the simulator's
    /// later netlink read see the same state:
    /// <list type="bullet">
    /// <item>operstate matches carrier: carrier changes reach operstate, IFF_RUNNING (NO-CARRIER) and
    /// the nexthops' linkdown flags only when linkwatch runs, up to a second later (a veth whose
    /// ifindex equals its peer's is not "urgent");</item>
    /// <item>no IPv6 address is tentative and each one on an up device has its local route: even
    /// with DAD off, addrconf completes addresses (and inserts their local routes) from a
    /// workqueue;</item>
    /// <item>two reads of addresses and routes 100 ms apart are identical.</item>
    /// </list>
    /// </summary>
    private static void WaitSettled(Netns ns)
    {
        string? previous = null;
        var sw = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            string links = ns.Ip("-json", "link", "show");
            string addrs = ns.Ip("-json", "addr", "show");
            string routes = ns.Ip("-json", "route", "show", "table", "all") + ns.Ip("-json", "-6", "route", "show", "table", "all");
            string now = links + addrs + routes;
            if (now == previous && LinksSettled(links) && Ipv6Settled(addrs, ns.Ip("-json", "-6", "route", "show", "table", "local")))
                return;
            if (sw.Elapsed > TimeSpan.FromSeconds(10))
                throw new InvalidOperationException($"namespace {ns.Name} did not settle:\n{ns.Ip("addr", "show")}");
            previous = now;
            Thread.Sleep(100);
        }
    }

    private static bool LinksSettled(string linksJson)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(linksJson);
        foreach (var l in doc.RootElement.EnumerateArray())
        {
            var flags = l.GetProperty("flags").EnumerateArray().Select(f => f.GetString()).ToList();
            if (flags.Contains("LOOPBACK")) continue;
            string? oper = l.GetProperty("operstate").GetString();
            bool ok = !flags.Contains("UP") ? oper == "DOWN"
                : flags.Contains("LOWER_UP") ? oper == "UP"
                : oper is "DOWN" or "LOWERLAYERDOWN";
            if (!ok) return false;
        }
        return true;
    }

    private static bool Ipv6Settled(string addrJson, string localRoutesJson)
    {
        using var routes = System.Text.Json.JsonDocument.Parse(localRoutesJson);
        var locals = new HashSet<string>(routes.RootElement.EnumerateArray()
            .Where(r => r.TryGetProperty("type", out var t) && t.GetString() == "local")
            .Select(r => r.GetProperty("dst").GetString()!));
        using var doc = System.Text.Json.JsonDocument.Parse(addrJson);
        foreach (var l in doc.RootElement.EnumerateArray())
        {
            bool up = l.GetProperty("flags").EnumerateArray().Any(f => f.GetString() == "UP");
            if (!l.TryGetProperty("addr_info", out var infos)) continue;
            foreach (var a in infos.EnumerateArray())
            {
                if (a.GetProperty("family").GetString() != "inet6") continue;
                if (a.TryGetProperty("tentative", out _)) return false;
                if (up && !locals.Contains(a.GetProperty("local").GetString()!)) return false;
            }
        }
        return true;
    }

    /// <summary>The configuration as run, rejected commands marked.</summary>
    public string Describe() => $"# seed {Config.Seed}\n" + string.Join('\n', Outcomes.Select(o => o.ToString()));

    public void Dispose()
    {
        Host.Dispose();
        Peer.Dispose();
    }
}
