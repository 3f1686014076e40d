using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;

namespace Symroute.Benchmarks;

/// <summary>
/// The real Internet table of ../shared/data/full-table-2023 (901,899 IPv4 and 160,147 IPv6
/// prefixes), read in place, never copied into the repository. Override the path with
/// SYMROUTE_FULL_TABLE.
/// </summary>
public sealed class FullTable
{
    public const string DefaultPath = "/work/shared/data/full-table-2023/prefixes.txt.gz";

    public static string Path => Environment.GetEnvironmentVariable("SYMROUTE_FULL_TABLE") ?? DefaultPath;

    public required uint[] V4Addresses { get; init; }
    public required byte[] V4Lengths { get; init; }
    public required UInt128[] V6Addresses { get; init; }
    public required byte[] V6Lengths { get; init; }
    /// <summary>The lines as read, "ADDR/LEN".</summary>
    public required string[] V4Text { get; init; }
    public required string[] V6Text { get; init; }

    private static FullTable? _cached;

    /// <summary>Loads the table, or exits with a clear message when the file is missing.</summary>
    public static FullTable Load()
    {
        if (_cached is not null) return _cached;
        if (!File.Exists(Path))
        {
            Console.Error.WriteLine($"SKIPPED: the full-table data {Path} is missing (set SYMROUTE_FULL_TABLE to its location).");
            Environment.Exit(0);
        }
        var v4a = new List<uint>(); var v4l = new List<byte>(); var v4t = new List<string>();
        var v6a = new List<UInt128>(); var v6l = new List<byte>(); var v6t = new List<string>();
        using var reader = new StreamReader(new GZipStream(File.OpenRead(Path), CompressionMode.Decompress));
        Span<byte> bytes = stackalloc byte[16];
        while (reader.ReadLine() is { } line)
        {
            int slash = line.IndexOf('/');
            if (slash < 0) continue;
            var address = IPAddress.Parse(line.AsSpan(0, slash));
            byte length = byte.Parse(line.AsSpan(slash + 1));
            address.TryWriteBytes(bytes, out _);
            if (address.AddressFamily == AddressFamily.InterNetwork)
            {
                v4a.Add(BinaryPrimitives.ReadUInt32BigEndian(bytes)); v4l.Add(length); v4t.Add(line);
            }
            else
            {
                v6a.Add(BinaryPrimitives.ReadUInt128BigEndian(bytes)); v6l.Add(length); v6t.Add(line);
            }
        }
        return _cached = new FullTable
        {
            V4Addresses = [.. v4a], V4Lengths = [.. v4l], V4Text = [.. v4t],
            V6Addresses = [.. v6a], V6Lengths = [.. v6l], V6Text = [.. v6t],
        };
    }

    /// <summary>Uniformly random IPv4 addresses.</summary>
    public static uint[] RandomV4(int count, int seed)
    {
        var rng = new Random(seed);
        var a = new uint[count];
        for (int i = 0; i < count; i++) a[i] = (uint)rng.NextInt64(0, 1L << 32);
        return a;
    }

    /// <summary>Uniformly random IPv6 addresses (almost all miss: the table lives in 2000::/3).</summary>
    public static UInt128[] RandomV6(int count, int seed)
    {
        var rng = new Random(seed);
        var a = new UInt128[count];
        for (int i = 0; i < count; i++) a[i] = new UInt128((ulong)rng.NextInt64() ^ ((ulong)rng.Next() << 63), (ulong)rng.NextInt64() ^ ((ulong)rng.Next() << 63));
        return a;
    }

    /// <summary>Random addresses inside random prefixes of the table (every lookup walks to a real leaf).</summary>
    public UInt128[] RandomV6InTable(int count, int seed)
    {
        var rng = new Random(seed);
        var a = new UInt128[count];
        for (int i = 0; i < count; i++)
        {
            int p = rng.Next(V6Addresses.Length);
            int len = V6Lengths[p];
            UInt128 host = new((ulong)rng.NextInt64() ^ ((ulong)rng.Next() << 63), (ulong)rng.NextInt64() ^ ((ulong)rng.Next() << 63));
            UInt128 mask = len == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - len);
            a[i] = (V6Addresses[p] & mask) | (host & ~mask);
        }
        return a;
    }

    /// <summary>Random addresses inside random prefixes of the IPv4 table.</summary>
    public uint[] RandomV4InTable(int count, int seed)
    {
        var rng = new Random(seed);
        var a = new uint[count];
        for (int i = 0; i < count; i++)
        {
            int p = rng.Next(V4Addresses.Length);
            int len = V4Lengths[p];
            uint mask = len == 0 ? 0 : uint.MaxValue << (32 - len);
            a[i] = (V4Addresses[p] & mask) | ((uint)rng.NextInt64(0, 1L << 32) & ~mask);
        }
        return a;
    }
}
