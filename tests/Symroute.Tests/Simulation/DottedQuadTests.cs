using System.Net;
using System.Text;
using Symroute.Simulation;
using Xunit;

namespace Symroute.Tests.Simulation;

/// <summary>
/// <see cref="RouteGetSyntax.TryParseDottedQuad"/>, the byte parser of <c>--batch</c>'s common line,
/// against the word parser's <see cref="RouteGetSyntax.TryParseIpv4Loose"/>: whatever it accepts
/// is the same address, and every address printed the usual way is accepted.
/// </summary>
public sealed class DottedQuadTests
{
    [Fact]
    public void Accepts_only_what_the_loose_parser_reads_as_the_same_address()
    {
        var r = new Random(11);
        const string alphabet = "0123456789..x";
        string[] fixedCases = ["0.0.0.0", "255.255.255.255", "256.1.1.1", "01.2.3.4", "1.2.3", "1.2.3.4.", "1..3.4", "1.2.3.04", "0x1.2.3.4", "", ".", "1.2.3.4 ", "1.2.3.4a", "1000.1.1.1"];
        var cases = fixedCases.Concat(Enumerable.Range(0, 20000).Select(_ =>
            new string([.. Enumerable.Range(0, r.Next(1, 16)).Select(_ => alphabet[r.Next(alphabet.Length)])])));
        foreach (var text in cases)
        {
            if (!RouteGetSyntax.TryParseDottedQuad(Encoding.ASCII.GetBytes(text), out uint quad))
                continue;
            Assert.True(RouteGetSyntax.TryParseIpv4Loose(text, out var loose), text);
            Assert.Equal(loose, AddressBits.ToAddress4(quad));
        }
    }

    [Fact]
    public void Accepts_every_address_as_printed()
    {
        var r = new Random(12);
        foreach (uint a in new uint[] { 0, uint.MaxValue, 0x7f000001, 0x0a000001 }.Concat(Enumerable.Range(0, 20000).Select(_ => (uint)r.NextInt64(0, 1L << 32))))
        {
            var ip = AddressBits.ToAddress4(a);
            Assert.True(RouteGetSyntax.TryParseDottedQuad(Encoding.ASCII.GetBytes(ip.ToString()), out uint parsed), ip.ToString());
            Assert.Equal(a, parsed);
        }
        Assert.False(RouteGetSyntax.TryParseDottedQuad("256.0.0.1"u8, out _));
        Assert.False(RouteGetSyntax.TryParseDottedQuad("010.0.0.1"u8, out _));
    }
}
