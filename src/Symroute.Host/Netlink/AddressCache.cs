using System.Buffers.Binary;
using System.Net;

namespace Symroute.Host.Netlink;

/// <summary>
/// Interns the <see cref="IPAddress"/>es that repeat across a large dump (gateways, preferred
/// sources), so a million routes through a handful of gateways share a handful of objects.
/// </summary>
internal sealed class AddressCache
{
    private readonly Dictionary<uint, IPAddress> _v4 = [];
    private readonly Dictionary<UInt128, IPAddress> _v6 = [];

    public IPAddress? Get(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 4)
        {
            uint key = BinaryPrimitives.ReadUInt32BigEndian(bytes);
            if (!_v4.TryGetValue(key, out var a))
                _v4[key] = a = new IPAddress(bytes);
            return a;
        }
        if (bytes.Length == 16)
        {
            var key = BinaryPrimitives.ReadUInt128BigEndian(bytes);
            if (!_v6.TryGetValue(key, out var a))
                _v6[key] = a = new IPAddress(bytes);
            return a;
        }
        return null;
    }
}
