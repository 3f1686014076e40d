using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Symroute.Model;

/// <summary>
/// An address prefix such as a route destination or a rule selector. Host bits are kept as
/// given (the kernel rejects or clears them depending on the object; sources normalise).
/// </summary>
public readonly record struct IpPrefix(IPAddress Address, int Length)
{
    public Family Family => Address.AddressFamily == AddressFamily.InterNetworkV6 ? Family.Inet6 : Family.Inet;

    public int MaxLength => Family == Family.Inet ? 32 : 128;

    public bool IsHost => Length == MaxLength;

    public bool IsDefault => Length == 0;

    public static IpPrefix Default(Family family) =>
        new(family == Family.Inet ? IPAddress.Any : IPAddress.IPv6Any, 0);

    /// <summary>Whether <paramref name="address"/> lies inside this prefix.</summary>
    public bool Contains(IPAddress address)
    {
        if (address.AddressFamily != Address.AddressFamily)
            return false;
        Span<byte> a = stackalloc byte[16];
        Span<byte> b = stackalloc byte[16];
        Address.TryWriteBytes(a, out int n);
        address.TryWriteBytes(b, out _);
        return CommonPrefixLength(a[..n], b[..n]) >= Length;
    }

    /// <summary>Whether <paramref name="other"/> is inside (or equal to) this prefix.</summary>
    public bool Contains(IpPrefix other) => other.Length >= Length && Contains(other.Address);

    /// <summary>This prefix with host bits cleared, as the kernel stores route destinations.</summary>
    public IpPrefix Network()
    {
        Span<byte> a = stackalloc byte[16];
        Address.TryWriteBytes(a, out int n);
        bool changed = Address.AddressFamily == AddressFamily.InterNetworkV6 && Address.ScopeId != 0;
        for (int i = Length / 8; i < n; i++)
        {
            int keep = Math.Clamp(Length - i * 8, 0, 8);
            byte masked = (byte)(a[i] & (0xFF00 >> keep));
            changed |= masked != a[i];
            a[i] = masked;
        }
        // Dumps carry network addresses already: keep the instance rather than allocate a copy.
        return changed ? new IpPrefix(new IPAddress(a[..n]), Length) : this;
    }

    public static int CommonPrefixLength(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        int len = 0;
        for (int i = 0; i < a.Length && i < b.Length; i++)
        {
            int x = a[i] ^ b[i];
            if (x == 0) { len += 8; continue; }
            return len + (System.Numerics.BitOperations.LeadingZeroCount((uint)x) - 24);
        }
        return len;
    }

    /// <summary>Parses <c>ADDR</c>, <c>ADDR/LEN</c>, or <c>default</c>/<c>all</c>/<c>any</c> (needs a family).</summary>
    public static bool TryParse(string text, Family? family, [NotNullWhen(true)] out IpPrefix? prefix)
    {
        prefix = null;
        if (text is "default" or "all" or "any")
        {
            if (family is null)
                return false;
            prefix = Default(family.Value);
            return true;
        }
        int slash = text.IndexOf('/');
        string addrText = slash < 0 ? text : text[..slash];
        if (!IPAddress.TryParse(addrText, out var addr) || addrText.Contains('%'))
            return false;
        if (addr.AddressFamily == AddressFamily.InterNetwork && addrText.Count(c => c == '.') != 3)
            return false;
        int max = addr.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        int len = max;
        if (slash >= 0 && (!int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out len) || len > max))
            return false;
        var p = new IpPrefix(addr, len);
        if (family is not null && p.Family != family)
            return false;
        prefix = p;
        return true;
    }

    /// <summary>iproute2 form: the address alone for host prefixes, <c>ADDR/LEN</c> otherwise.</summary>
    public override string ToString() => IsHost ? Address.ToString() : $"{Address}/{Length}";

    /// <summary>Route destination form: <c>default</c> for /0.</summary>
    public string ToRouteString() => Length == 0 ? "default" : ToString();
}
