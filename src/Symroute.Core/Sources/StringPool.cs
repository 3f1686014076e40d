using System.Collections.Immutable;
using System.Net;
using Symroute.Model;
using System.Text;

namespace Symroute.Sources;

/// <summary>
/// Interns the few distinct strings (device names, tables) and addresses (gateways, prefsrc) that
/// repeat across a large route dump, so parsing a million routes does not allocate a million copies.
/// </summary>
internal sealed class StringPool
{
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _stringLookup;
    private readonly Dictionary<string, IPAddress> _addresses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IPAddress>.AlternateLookup<ReadOnlySpan<char>> _addressLookup;

    public StringPool()
    {
        _stringLookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
        _addressLookup = _addresses.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string Get(ReadOnlySpan<char> chars)
    {
        if (_stringLookup.TryGetValue(chars, out var s))
            return s;
        s = chars.ToString();
        if (_strings.Count < 100_000)
            _strings[s] = s;
        return s;
    }

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > 256)
            return Encoding.UTF8.GetString(utf8);
        Span<char> buf = stackalloc char[256];
        int n = Encoding.UTF8.GetChars(utf8, buf);
        return Get(buf[..n]);
    }

    private readonly Dictionary<(IPAddress? Gateway, string? Dev, NexthopFlags Flags, uint? Realms), ImmutableArray<Nexthop>> _nexthops = [];

    /// <summary>
    /// The one-nexthop list of a single-path route, shared by every route with the same gateway,
    /// device, flags and realms (a full table has a handful of them for a million routes).
    /// </summary>
    public ImmutableArray<Nexthop> SingleNexthop(IPAddress? gateway, string? dev, NexthopFlags flags, uint? realms)
    {
        var key = (gateway, dev, flags, realms);
        if (_nexthops.TryGetValue(key, out var list))
            return list;
        list = [new Nexthop(gateway, dev, 1, flags, realms)];
        if (_nexthops.Count < 100_000)
            _nexthops[key] = list;
        return list;
    }

    /// <summary>A cached address for text that repeats (gateways, prefsrc); null if the text is not one.</summary>
    public IPAddress? Address(ReadOnlySpan<char> chars)
    {
        if (_addressLookup.TryGetValue(chars, out var a))
            return a;
        a = AddressText.Parse(chars);
        if (a is not null && _addresses.Count < 100_000)
            _addresses[chars.ToString()] = a;
        return a;
    }
}
