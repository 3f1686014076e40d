using Symroute.Host;
using Symroute.Sources;
using Xunit;

namespace Symroute.Tests.Host;

public sealed class SysctlReaderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("symroute-sysctl-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Write(string sysctlPath, string value)
    {
        string full = Path.Combine(_root, "proc/sys/net", sysctlPath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, value + "\n");
    }

    [Fact]
    public void ReadsConfsOfAllDefaultAndDevices_MissingFilesAreNull()
    {
        Write("ipv4/conf/all/rp_filter", "1");
        Write("ipv4/conf/all/forwarding", "0");
        Write("ipv4/conf/default/rp_filter", "2");
        Write("ipv4/conf/eth0/rp_filter", "0");
        Write("ipv4/conf/eth0/src_valid_mark", "1");
        Write("ipv4/conf/eth0.100/arp_ignore", "1");
        Write("ipv6/conf/all/forwarding", "1");
        Write("ipv6/conf/eth0/accept_ra", "2");
        Write("ipv6/conf/lo/use_tempaddr", "-1");
        Write("ipv4/fib_multipath_hash_policy", "1");
        Write("ipv4/fib_multipath_hash_seed", "4294967295");

        var s = SysctlReader.Read(_root);
        Assert.Equal(["all", "default", "eth0", "eth0.100"], s.Ipv4.Keys);
        Assert.Equal(1, s.Ipv4For("all").RpFilter);
        Assert.Equal(0, s.Ipv4For("all").Forwarding);
        Assert.Null(s.Ipv4For("all").AcceptLocal);
        Assert.Equal(2, s.Ipv4For("default").RpFilter);
        Assert.Equal(1, s.Ipv4For("eth0").SrcValidMark);
        Assert.Equal(1, s.Ipv4For("eth0.100").ArpIgnore);
        Assert.Equal(1, s.Ipv6For("all").Forwarding);
        Assert.Equal(2, s.Ipv6For("eth0").AcceptRa);
        Assert.Equal(-1, s.Ipv6For("lo").UseTempaddr);
        Assert.Equal(1, s.FibMultipathHashPolicy);
        Assert.Equal(unchecked((int)4294967295u), s.FibMultipathHashSeed);
    }

    [Fact]
    public void NoProcTree_GivesEmptySysctls()
    {
        var s = SysctlReader.Read(_root);
        Assert.Empty(s.Ipv4);
        Assert.Empty(s.Ipv6);
        Assert.Null(s.FibMultipathHashPolicy);
    }

    [Fact]
    public void GarbageValues_AreNull_WhileOthersRead()
    {
        Write("ipv4/conf/all/rp_filter", "banana");
        Write("ipv4/conf/all/forwarding", "1");
        var s = SysctlReader.Read(_root);
        Assert.Null(s.Ipv4For("all").RpFilter);
        Assert.Equal(1, s.Ipv4For("all").Forwarding);
    }

    [Fact]
    public void NothingReadable_IsAnInputError()
    {
        Write("ipv4/conf/all/rp_filter", "banana");
        var e = Assert.Throws<InputException>(() => SysctlReader.Read(_root));
        Assert.Contains("rp_filter", e.Message);
    }
}
