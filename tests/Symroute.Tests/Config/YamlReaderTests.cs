using Symroute.Sources;
using Symroute.Sources.Config;
using Xunit;

namespace Symroute.Tests.Config;

public class YamlReaderTests
{
    [Fact]
    public void Reads_block_mappings_sequences_at_key_indent_and_flow_collections()
    {
        var yaml = """
            # comment
            network:
              version: 2
              ethernets:
                eth1:
                  addresses: [10.10.20.50/24, "10.10.20.51/24"]
                  match: {name: "en*"}
                  routes:
                  - to: default   # trailing comment
                    via: 10.10.20.1
                    table: 100
                  - to: 10.0.0.0/8
                    via: 10.10.20.254
            """;
        var root = (YamlMapping)YamlReader.Parse(yaml, "t.yaml")!;
        var eth1 = (YamlMapping)((YamlMapping)((YamlMapping)root["network"]!)["ethernets"]!)["eth1"]!;
        var addrs = (YamlSequence)eth1["addresses"]!;
        Assert.Equal(["10.10.20.50/24", "10.10.20.51/24"], addrs.Items.Select(i => ((YamlScalar)i).Value));
        Assert.Equal("en*", ((YamlMapping)eth1["match"]!).Scalar("name"));
        var routes = (YamlSequence)eth1["routes"]!;
        Assert.Equal(2, routes.Items.Count);
        var first = (YamlMapping)routes.Items[0];
        Assert.Equal("default", first.Scalar("to"));
        Assert.Equal("10.10.20.1", first.Scalar("via"));
        Assert.Equal("100", first.Scalar("table"));
        Assert.Equal(9, first.Line);
    }

    [Fact]
    public void Multi_line_flow_sequence_and_nested_dash_items()
    {
        var yaml = "a:\n  - [1,\n     2]\n  -\n    b: c\n";
        var root = (YamlMapping)YamlReader.Parse(yaml, "t.yaml")!;
        var seq = (YamlSequence)root["a"]!;
        Assert.Equal(2, ((YamlSequence)seq.Items[0]).Items.Count);
        Assert.Equal("c", ((YamlMapping)seq.Items[1]).Scalar("b"));
    }

    [Theory]
    [InlineData("a:\n\tb: c\n", "t.yaml:2:1")]
    [InlineData("a: [1, 2\n", "t.yaml:1:4")]
    [InlineData("a: &anchor x\n", "t.yaml:1:4")]
    [InlineData("a: b\n  c: d\n", "t.yaml:2:3")]
    [InlineData("a: \"open\n", "t.yaml:1:4")]
    public void Malformed_input_names_file_line_and_column(string yaml, string where)
    {
        var e = Assert.Throws<InputException>(() => YamlReader.Parse(yaml, "t.yaml"));
        Assert.StartsWith(where + ":", e.Message);
    }

    [Fact]
    public void Random_input_never_crashes()
    {
        var rng = new Random(7);
        const string alphabet = "ab: -[]{},'\"#\n  \t|>&*!0.";
        for (int n = 0; n < 3000; n++)
        {
            var chars = new char[rng.Next(0, 60)];
            for (int i = 0; i < chars.Length; i++) chars[i] = alphabet[rng.Next(alphabet.Length)];
            try { YamlReader.Parse(new string(chars), "f.yaml"); }
            catch (InputException) { }
        }
    }
}
