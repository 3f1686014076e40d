using System.Net;
using Symroute.Model;
using Symroute.Simulation;

namespace Symroute.Tests.Simulation.Fib;

/// <summary>
/// The simulator's first, deliberately simple PrefixMap, kept as the reference the fast one is
/// checked against. An immutable longest-prefix-match map from <see cref="IpPrefix"/> to a value, for one family.
/// Lookups take the address as an integer (IPv4 in a <see cref="uint"/>, IPv6 in a
/// <see cref="UInt128"/>, both in network bit order: the first address bit is the most
/// significant) and a maximum prefix length, so a caller can backtrack to shorter prefixes as
/// fib_table_lookup does when nothing at the longest match is usable.
/// </summary>
/// <remarks>
/// The implementation is deliberately simple (one hash map per prefix length, probed from the
/// longest present length down); the API is what the rest of the simulator relies on, so a faster
/// structure can replace the internals without touching any caller. Lookups do not allocate.
/// </remarks>
internal sealed class ReferencePrefixMap<T>
{
    private readonly Dictionary<uint, T>?[]? _v4;
    private readonly Dictionary<UInt128, T>?[]? _v6;
    // Prefix lengths that hold at least one entry, longest first.
    private readonly int[] _lengths;

    public Family Family { get; }

    public int Count { get; }

    private ReferencePrefixMap(Family family, Dictionary<uint, T>?[]? v4, Dictionary<UInt128, T>?[]? v6, int[] lengths, int count)
    {
        Family = family;
        _v4 = v4;
        _v6 = v6;
        _lengths = lengths;
        Count = count;
    }

    /// <summary>
    /// Builds the map. Host bits of the prefixes are ignored (10.0.0.1/8 is 10.0.0.0/8); a prefix
    /// given twice (after clearing host bits) or of the other family is an <see cref="ArgumentException"/>.
    /// </summary>
    public static ReferencePrefixMap<T> Build(Family family, IEnumerable<KeyValuePair<IpPrefix, T>> items)
    {
        int max = family == Family.Inet ? 32 : 128;
        var v4 = family == Family.Inet ? new Dictionary<uint, T>?[33] : null;
        var v6 = family == Family.Inet6 ? new Dictionary<UInt128, T>?[129] : null;
        int count = 0;
        foreach (var (prefix, value) in items)
        {
            if (prefix.Family != family)
                throw new ArgumentException($"prefix {prefix} is not of family {family}");
            int len = prefix.Length;
            if (len < 0 || len > max)
                throw new ArgumentException($"prefix length {len} out of range");
            bool added;
            if (v4 is not null)
            {
                uint key = AddressBits.V4(prefix.Address) & AddressBits.Mask4(len);
                added = (v4[len] ??= new Dictionary<uint, T>()).TryAdd(key, value);
            }
            else
            {
                UInt128 key = AddressBits.V6(prefix.Address) & AddressBits.Mask6(len);
                added = (v6![len] ??= new Dictionary<UInt128, T>()).TryAdd(key, value);
            }
            if (!added)
                throw new ArgumentException($"prefix {prefix} given twice");
            count++;
        }
        var lengths = new List<int>();
        for (int len = max; len >= 0; len--)
            if ((v4 is not null && v4[len] is not null) || (v6 is not null && v6[len] is not null))
                lengths.Add(len);
        return new ReferencePrefixMap<T>(family, v4, v6, lengths.ToArray(), count);
    }

    /// <summary>Longest prefix of length ≤ <paramref name="maxLength"/> containing the IPv4 address.</summary>
    public bool TryMatch(uint v4, int maxLength, out int length, out T value)
    {
        var maps = _v4;
        if (maps is not null)
        {
            foreach (int len in _lengths)
            {
                if (len > maxLength)
                    continue;
                if (maps[len]!.TryGetValue(v4 & AddressBits.Mask4(len), out value!))
                {
                    length = len;
                    return true;
                }
            }
        }
        length = 0;
        value = default!;
        return false;
    }

    /// <summary>Longest prefix of length ≤ <paramref name="maxLength"/> containing the IPv6 address.</summary>
    public bool TryMatch(UInt128 v6, int maxLength, out int length, out T value)
    {
        var maps = _v6;
        if (maps is not null)
        {
            foreach (int len in _lengths)
            {
                if (len > maxLength)
                    continue;
                if (maps[len]!.TryGetValue(v6 & AddressBits.Mask6(len), out value!))
                {
                    length = len;
                    return true;
                }
            }
        }
        length = 0;
        value = default!;
        return false;
    }
}
