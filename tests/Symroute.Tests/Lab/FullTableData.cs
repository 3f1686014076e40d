using System.IO.Compression;

namespace Symroute.Tests.Lab;

/// <summary>The prefixes of the real Internet table (901,899 IPv4 and 160,147 IPv6), read in place.</summary>
public static class FullTableData
{
    public static string Path => Environment.GetEnvironmentVariable("SYMROUTE_FULL_TABLE") ?? "/work/shared/data/full-table-2023/prefixes.txt.gz";

    /// <summary>The lines ("ADDR/LEN"), in file order.</summary>
    public static IEnumerable<string> Lines()
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(Path), CompressionMode.Decompress));
        while (reader.ReadLine() is { } line)
            if (line.Contains('/'))
                yield return line;
    }
}
