namespace Symroute.Tests.Simulation.Fib;

/// <summary>
/// The obvious longest-prefix match the fast structures are checked against: one dictionary per
/// length, probed from the longest allowed length down.
/// </summary>
internal sealed class ReferenceLpm
{
    private readonly int _width;
    private readonly Dictionary<UInt128, int>[] _byLength;

    /// <summary>Keys are addresses left-aligned in 128 bits' worth of <paramref name="width"/> (32 or 128).</summary>
    public ReferenceLpm(int width, IReadOnlyList<(UInt128 Address, byte Length)> prefixes)
    {
        _width = width;
        _byLength = new Dictionary<UInt128, int>[width + 1];
        for (int l = 0; l <= width; l++) _byLength[l] = [];
        for (int i = 0; i < prefixes.Count; i++)
            _byLength[prefixes[i].Length].Add(Mask(prefixes[i].Address, prefixes[i].Length), i);
    }

    public UInt128 Mask(UInt128 address, int length) =>
        length == 0 ? 0 : address & ((UInt128.MaxValue << (_width - length)) & (_width == 128 ? UInt128.MaxValue : uint.MaxValue));

    /// <summary>Id of the longest prefix of length ≤ maxLength containing the address, or -1.</summary>
    public int Match(UInt128 address, int maxLength)
    {
        for (int l = Math.Min(maxLength, _width); l >= 0; l--)
            if (_byLength[l].TryGetValue(Mask(address, l), out int id))
                return id;
        return -1;
    }
}
