using Symroute.Host;
using Symroute.Model;
using Symroute.Sources;
using Symroute.Tests.Lab;
using Xunit;

namespace Symroute.Tests.Host;

public sealed class HostReaderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("symroute-host-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [RootFact]
    public void ReadsANamespace_WithFilesFromTheRootDirectory()
    {
        using var ns = Netns.Create("hr");
        ns.IpBatch([
            "link add eth0 type veth peer name eth1",
            "link set eth0 up",
            "link set eth1 up",
            "addr add 192.0.2.10/24 dev eth0",
            "route add default via 192.0.2.1 table 100",
            "rule add from 192.0.2.10 table 100",
        ]);
        ns.Exec("sysctl", "-qw", "net.ipv4.conf.eth0.rp_filter=2");
        Directory.CreateDirectory(Path.Combine(_root, "etc/iproute2"));
        File.WriteAllText(Path.Combine(_root, "etc/iproute2/rt_tables"), "100 uplink\n");
        var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

        // Root "/" for /proc (the namespace's own sysctls), a temp root for the table names.
        var live = HostReader.Read("/", ns.Name, new FixedTime(at));
        var fake = HostReader.Read(_root, ns.Name, new FixedTime(at));

        Assert.Equal(["lo", "eth1", "eth0"], live.Links.Select(l => l.Name)); // the peer is created first
        Assert.Contains(live.Routes, r => r.Table == 100 && r.Dst.IsDefault);
        Assert.Contains(live.Rules, r => r.Table == 100 && r.From?.ToString() == "192.0.2.10");
        Assert.Equal(2, live.Sysctls.Ipv4For("eth0").RpFilter);
        Assert.NotNull(live.KernelRelease);
        Assert.Equal(at, live.CapturedAt);
        Assert.Null(live.LocalTableMerged);

        Assert.Equal("uplink", fake.TableNames.Format(100));
        Assert.Empty(fake.Sysctls.Ipv4); // the fake root has no /proc
        Assert.Null(fake.KernelRelease);
        static string Show(Route r) => r + string.Join(",", r.Nexthops);
        Assert.Equal(live.Routes.Select(Show), fake.Routes.Select(Show));
    }

    [RootFact]
    public void UnknownNamespace_IsAnInputError()
    {
        var e = Assert.Throws<InputException>(() => HostReader.Read("/", "sr-no-such-namespace-" + Environment.ProcessId));
        Assert.Contains("no such network namespace", e.Message);
    }

    [Fact]
    public void FakeRoot_ProvidesHostnameAndKernelRelease()
    {
        Directory.CreateDirectory(Path.Combine(_root, "proc/sys/kernel"));
        File.WriteAllText(Path.Combine(_root, "proc/sys/kernel/hostname"), "web1\n");
        File.WriteAllText(Path.Combine(_root, "proc/sys/kernel/osrelease"), "6.1.0-test\n");
        // Links etc. come from the caller's namespace; only the files are under the root.
        if (!Netns.Available)
            return;
        using var ns = Netns.Create("hn");
        var s = HostReader.Read(_root, ns.Name);
        Assert.Equal("web1", s.Hostname);
        Assert.Equal("6.1.0-test", s.KernelRelease);
    }
}
