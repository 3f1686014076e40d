using Symroute.Host;
using Symroute.Model;
using Symroute.Sources;
using Xunit;

namespace Symroute.Tests.Host;

public sealed class TableNamesReaderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("symroute-tables-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Write(string path, string text)
    {
        string full = Path.Combine(_root, path.TrimStart('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    [Fact]
    public void NoFiles_GivesTheBuiltinNames()
    {
        Assert.Equal(TableNames.Builtin.Names, TableNamesReader.Read(_root).Names);
    }

    [Fact]
    public void EtcFileAndDropIns_AddNames_LaterDefinitionsWin()
    {
        Write("/etc/iproute2/rt_tables", "255 local\n254 main\n253 default\n0 unspec\n100 isp1\n");
        Write("/etc/iproute2/rt_tables.d/b.conf", "101 isp2\n");
        Write("/etc/iproute2/rt_tables.d/a.conf", "100 uplink1\n");
        Write("/etc/iproute2/rt_tables.d/ignored.txt", "102 nope\n");
        Write("/etc/iproute2/rt_tables.d/.hidden.conf", "103 nope\n");
        Write("/etc/iproute2/rt_tables.d/.conf", "104 nope\n");
        var names = TableNamesReader.Read(_root);
        Assert.Equal("uplink1", names.Format(100));
        Assert.Equal("isp2", names.Format(101));
        Assert.Equal("102", names.Format(102));
        Assert.Equal("103", names.Format(103));
        Assert.Equal("104", names.Format(104));
        Assert.Equal("main", names.Format(254));
    }

    [Fact]
    public void UsrShare_IsUsedWhenEtcHasNoRtTables_AndEtcDropInsOverrideByName()
    {
        Write("/usr/share/iproute2/rt_tables", "200 distro\n");
        Write("/usr/share/iproute2/rt_tables.d/vendor.conf", "201 vendor\n");
        Write("/usr/share/iproute2/rt_tables.d/shadowed.conf", "202 fromusr\n");
        Write("/etc/iproute2/rt_tables.d/shadowed.conf", "203 frometc\n");
        var names = TableNamesReader.Read(_root);
        Assert.Equal("distro", names.Format(200));
        Assert.Equal("vendor", names.Format(201));
        Assert.Equal("202", names.Format(202)); // the whole usr file is replaced by /etc's of the same name
        Assert.Equal("frometc", names.Format(203));
    }

    [Fact]
    public void EtcRtTables_ReplacesTheDistributionCopy()
    {
        Write("/usr/share/iproute2/rt_tables", "200 distro\n");
        Write("/etc/iproute2/rt_tables", "201 admin\n");
        var names = TableNamesReader.Read(_root);
        Assert.Equal("200", names.Format(200));
        Assert.Equal("admin", names.Format(201));
    }

    [Fact]
    public void CorruptFile_IsAnInputErrorWithItsPath()
    {
        Write("/etc/iproute2/rt_tables.d/bad.conf", "100 ok\nnonsense\n");
        var e = Assert.Throws<InputException>(() => TableNamesReader.Read(_root));
        Assert.Contains("bad.conf:2:1:", e.Message);
    }
}
