using Symroute.Sources;
using Xunit;

namespace Symroute.Tests.Sources;

public class RtTablesParserTests
{
    [Fact]
    public void ParsesDecimalHexCommentsAndBlanks()
    {
        const string text = "#\n# reserved values\n#\n255\tlocal\n254\tmain\n  253 default  \n0\tunspec\n\n\t# indented comment\n100 isp1 # trailing comment\n0x65 isp2\n0X66 notHex\n";
        var entries = RtTablesParser.Parse(text, "rt_tables");
        Assert.Equal(
            [(255u, "local"), (254u, "main"), (253u, "default"), (0u, "unspec"), (100u, "isp1"), (0x65u, "isp2"), (0u, "X66")],
            entries.Select(e => (e.Id, e.Name)));
        Assert.Equal(10, entries[4].Line);
    }

    [Theory]
    [InlineData("1000 big", 1000u, "big")]
    [InlineData("7 name extra words", 7u, "name")]
    [InlineData("12abc", 12u, "abc")] // sscanf("%d %s") reads the number, then the rest as the name
    [InlineData("0xZZ foo", 0u, "xZZ")] // "0x%x" fails, "%d" reads 0 and "%s" the rest
    [InlineData("+5 plus", 5u, "plus")]
    [InlineData("0xff\tff\r", 255u, "ff")]
    public void ReadsLinesAsIproute2Does(string line, uint id, string name)
    {
        var e = Assert.Single(RtTablesParser.Parse(line, "f"));
        Assert.Equal((id, name), (e.Id, e.Name));
    }

    [Theory]
    [InlineData("-5 negative")]
    [InlineData("0x80000000 wraps")]
    [InlineData("99999999999 huge")]
    public void SkipsIdsIproute2Skips(string line) => Assert.Empty(RtTablesParser.Parse(line, "f"));

    [Theory]
    [InlineData("main", "rt_tables:1:1:")]
    [InlineData("100", "rt_tables:1:4:")]
    [InlineData("   100\t", "rt_tables:1:8:")]
    [InlineData("x 100", "rt_tables:1:1:")]
    public void BadLine_IsAnInputErrorNamingFileLineAndColumn(string line, string where)
    {
        var e = Assert.Throws<InputException>(() => RtTablesParser.Parse("# ok\n" + line + "\n", "rt_tables"));
        Assert.StartsWith(where.Replace(":1:", ":2:"), e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void RandomInput_ParsesOrFailsCleanly()
    {
        var rng = new Random(7);
        const string alphabet = "0123456789abcdefx# \t\n-+";
        for (int i = 0; i < 2000; i++)
        {
            var chars = new char[rng.Next(40)];
            for (int k = 0; k < chars.Length; k++) chars[k] = alphabet[rng.Next(alphabet.Length)];
            try
            {
                RtTablesParser.Parse(new string(chars), "fuzz");
            }
            catch (InputException)
            {
            }
        }
    }
}
