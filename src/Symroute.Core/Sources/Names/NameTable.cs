using System.Collections.Frozen;
using System.Globalization;

namespace Symroute.Sources;

/// <summary>
/// A two-way table of the names iproute2 prints for small numbers (rt_protos, rt_scopes, …):
/// numbers without a name print in decimal, and parsing accepts names and numbers.
/// </summary>
internal sealed class NameTable
{
    private readonly string?[] _names;
    private readonly FrozenDictionary<string, int> _values;
    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public NameTable(int size, params (int Value, string Name)[] entries)
    {
        _names = new string?[size];
        var values = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (v, n) in entries)
        {
            _names[v] ??= n;
            values.TryAdd(n, v);
        }
        _values = values.ToFrozenDictionary(StringComparer.Ordinal);
        _lookup = _values.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string? NameOf(int value) => value >= 0 && value < _names.Length ? _names[value] : null;

    public string Format(int value) => NameOf(value) ?? value.ToString(CultureInfo.InvariantCulture);

    public bool TryGetValue(ReadOnlySpan<char> name, out int value) => _lookup.TryGetValue(name, out value);

    /// <summary>A name, or a number (decimal or 0x-hex, as iproute2's get_unsigned takes) below the table size.</summary>
    public bool TryParse(ReadOnlySpan<char> text, out int value)
    {
        if (_lookup.TryGetValue(text, out value))
            return true;
        if (NumberText.TryParseUInt32(text, out uint n) && n < (uint)_names.Length)
        {
            value = (int)n;
            return true;
        }
        value = 0;
        return false;
    }
}
