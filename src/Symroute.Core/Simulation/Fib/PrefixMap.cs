using Symroute.Model;

namespace Symroute.Simulation.Fib;

/// <summary>
/// An immutable longest-prefix-match map from <see cref="IpPrefix"/> to a value, for one family.
/// Lookups take the address as an integer (IPv4 in a <see cref="uint"/>, IPv6 in a
/// <see cref="UInt128"/>, both in network bit order: the first address bit is the most
/// significant) and a maximum prefix length, so a caller can backtrack to shorter prefixes as
/// fib_table_lookup does when nothing at the longest match is usable.
/// </summary>
/// <remarks>
/// Backed by <see cref="Ipv4Lpm"/> / <see cref="Ipv6Lpm"/> (poptries: a full Internet table in
/// about 14 bytes a prefix, tens of millions of lookups a second); values sit in an array in the
/// structures' id order. Lookups do not allocate. The first, simple implementation (one hash map
/// per length) is kept in the tests as the reference this one is checked against.
/// </remarks>
public sealed class PrefixMap<T>
{
    private readonly Ipv4Lpm? _v4;
    private readonly Ipv6Lpm? _v6;
    // By LPM id (rank in address order).
    private readonly T[] _values;

    public Family Family { get; }

    public int Count => _values.Length;

    private PrefixMap(Family family, Ipv4Lpm? v4, Ipv6Lpm? v6, T[] values)
    {
        Family = family;
        _v4 = v4;
        _v6 = v6;
        _values = values;
    }

    /// <summary>
    /// Builds the map. Host bits of the prefixes are ignored (10.0.0.1/8 is 10.0.0.0/8); a prefix
    /// given twice (after clearing host bits) or of the other family is an <see cref="ArgumentException"/>.
    /// </summary>
    public static PrefixMap<T> Build(Family family, IEnumerable<KeyValuePair<IpPrefix, T>> items)
    {
        int max = family == Family.Inet ? 32 : 128;
        var v4 = new List<uint>();
        var v6 = new List<UInt128>();
        var lengths = new List<byte>();
        var values = new List<T>();
        foreach (var (prefix, value) in items)
        {
            if (prefix.Family != family)
                throw new ArgumentException($"prefix {prefix} is not of family {family}");
            int len = prefix.Length;
            if (len < 0 || len > max)
                throw new ArgumentException($"prefix length {len} out of range");
            if (family == Family.Inet)
                v4.Add(AddressBits.V4(prefix.Address));
            else
                v6.Add(AddressBits.V6(prefix.Address));
            lengths.Add((byte)len);
            values.Add(value);
        }
        return family == Family.Inet
            ? Build4(v4.ToArray(), lengths.ToArray(), values.ToArray())
            : Build6(v6.ToArray(), lengths.ToArray(), values.ToArray());
    }

    /// <summary>
    /// Builds an IPv4 map from parallel arrays (prefix i = addresses[i]/lengths[i] → values[i])
    /// without an <see cref="IpPrefix"/> per entry: the path for tables of a million routes.
    /// </summary>
    internal static PrefixMap<T> Build4(ReadOnlySpan<uint> addresses, ReadOnlySpan<byte> lengths, T[] values)
    {
        var lpm = Ipv4Lpm.Build(addresses, lengths);
        return new PrefixMap<T>(Family.Inet, lpm, null, Permute(values, lpm.Count, lpm.SourceIndexOf));
    }

    /// <summary>The IPv6 counterpart of <see cref="Build4"/>.</summary>
    internal static PrefixMap<T> Build6(ReadOnlySpan<UInt128> addresses, ReadOnlySpan<byte> lengths, T[] values)
    {
        var lpm = Ipv6Lpm.Build(addresses, lengths);
        return new PrefixMap<T>(Family.Inet6, null, lpm, Permute(values, lpm.Count, lpm.SourceIndexOf));
    }

    private static T[] Permute(T[] values, int count, Func<int, int> sourceIndexOf)
    {
        if (values.Length != count)
            throw new ArgumentException("addresses and values differ in count");
        var byId = new T[count];
        for (int id = 0; id < count; id++)
            byId[id] = values[sourceIndexOf(id)];
        return byId;
    }

    /// <summary>Bytes held by the lookup structure and the value array (values' own objects excluded).</summary>
    internal long SizeInBytes =>
        (_v4?.SizeInBytes ?? 0) + (_v6?.SizeInBytes ?? 0) +
        (long)_values.Length * (typeof(T).IsValueType ? System.Runtime.CompilerServices.Unsafe.SizeOf<T>() : IntPtr.Size);

    /// <summary>Longest prefix of length ≤ <paramref name="maxLength"/> containing the IPv4 address.</summary>
    public bool TryMatch(uint v4, int maxLength, out int length, out T value)
    {
        if (_v4 is not null && _v4.TryMatch(v4, maxLength, out int id))
        {
            length = _v4.LengthOf(id);
            value = _values[id];
            return true;
        }
        length = 0;
        value = default!;
        return false;
    }

    /// <summary>Longest prefix of length ≤ <paramref name="maxLength"/> containing the IPv6 address.</summary>
    public bool TryMatch(UInt128 v6, int maxLength, out int length, out T value)
    {
        if (_v6 is not null && _v6.TryMatch(v6, maxLength, out int id))
        {
            length = _v6.LengthOf(id);
            value = _values[id];
            return true;
        }
        length = 0;
        value = default!;
        return false;
    }
}
