using System.Globalization;
using System.Net;
using Symroute.Model;

namespace Symroute.Sources;

/// <summary>
/// Reads <c>/proc/net/udp</c> and <c>/proc/net/udp6</c> (net/ipv4/udp.c udp4_format_sock): addresses
/// are hex words in host byte order (little-endian here), ports in network order.
/// </summary>
public static class ProcNetUdpParser
{
    public static List<ListeningSocket> Parse(string text, string file, bool ipv6)
    {
        var result = new List<ListeningSocket>();
        int no = 0;
        foreach (var raw in text.Split('\n'))
        {
            no++;
            var line = raw.Trim();
            if (line.Length == 0 || no == 1 && line.StartsWith("sl", StringComparison.Ordinal)) continue;
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode …
            if (f.Length < 10) throw InputException.At(file, no, 1, "short line in /proc/net/udp format");
            var local = f[1].Split(':');
            if (local.Length != 2 || !ushort.TryParse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var port))
                throw InputException.At(file, no, 1, $"bad local address '{f[1]}'");
            var addr = Address(local[0], ipv6) ?? throw InputException.At(file, no, 1, $"bad local address '{f[1]}'");
            ulong.TryParse(f[9], NumberStyles.None, CultureInfo.InvariantCulture, out var inode);
            result.Add(new ListeningSocket("udp", addr, port, inode));
        }
        return result;
    }

    private static IPAddress? Address(string hex, bool ipv6)
    {
        int words = ipv6 ? 4 : 1;
        if (hex.Length != words * 8) return null;
        var bytes = new byte[words * 4];
        for (int w = 0; w < words; w++)
        {
            if (!uint.TryParse(hex.AsSpan(w * 8, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var v)) return null;
            // Each 32-bit word was printed from host (little-endian) order.
            bytes[w * 4] = (byte)v;
            bytes[w * 4 + 1] = (byte)(v >> 8);
            bytes[w * 4 + 2] = (byte)(v >> 16);
            bytes[w * 4 + 3] = (byte)(v >> 24);
        }
        return new IPAddress(bytes);
    }
}
