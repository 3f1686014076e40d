using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Symroute.Model;
using Symroute.Sources;

namespace Symroute.Simulation;

/// <summary>
/// Parses <c>ip route get</c>'s words as iproute2 6.1 (iproute_get) does: keywords may be abbreviated
/// (<c>fr</c> = from, tried in ip's order; <c>tos</c>, <c>dev</c> and <c>as</c> only in full), <c>to</c> is optional, <c>dev</c> = <c>oif</c>, tos takes
/// rt_dsfield names or hex, ipproto names or numbers, mark/uid/ports decimal, 0x-hex or octal, IPv4
/// addresses in iproute2's loose dotted form (<c>10.1</c> is 10.1.0.0). Errors carry ip's message.
/// </summary>
public static class RouteGetSyntax
{
    /// <summary>
    /// Parses the words after <c>route get</c>. <paramref name="family"/> is -4/-6 if given. Device
    /// names are not checked here (the caller reports <c>Cannot find device</c> as ip does).
    /// </summary>
    public static bool TryParse(IReadOnlyList<string> words, Family? family, [NotNullWhen(true)] out RouteGetRequest? request, [NotNullWhen(false)] out string? error)
    {
        request = null;
        error = null;
        IPAddress? dst = null, from = null;
        string? iif = null, oif = null;
        uint? mark = null, uid = null;
        byte? tos = null, ipproto = null;
        ushort? sport = null, dport = null;
        bool connected = false, notify = false;
        var warnings = new List<string>();
        int i = 0;

        bool Next([NotNullWhen(true)] out string? value)
        {
            if (i + 1 >= words.Count)
            {
                value = null;
                return false;
            }
            value = words[++i];
            return true;
        }

        for (; i < words.Count; i++)
        {
            string w = words[i];
            string? v;
            if (w == "tos" || Matches(w, "dsfield"))
            {
                if (!Next(out v)) return Incomplete(out error);
                if (!Strtoul.TryParseDsfield(v, out byte t)) return Fail(out error, $"Error: argument \"{v}\" is wrong: TOS value is invalid");
                tos = t;
            }
            else if (Matches(w, "from"))
            {
                if (!Next(out v)) return Incomplete(out error);
                if (!TryPrefix(v, ref family, out var a, out _)) return Fail(out error, PrefixError(family, v));
                from = a;
            }
            else if (Matches(w, "iif"))
            {
                if (!Next(out v)) return Incomplete(out error);
                iif = v;
            }
            else if (Matches(w, "mark"))
            {
                if (!Next(out v)) return Incomplete(out error);
                if (!Strtoul.TryParse(v, out ulong m) || m > uint.MaxValue) return Fail(out error, $"Error: argument \"{v}\" is wrong: invalid mark value");
                mark = (uint)m;
            }
            else if (Matches(w, "oif") || w == "dev")
            {
                if (!Next(out v)) return Incomplete(out error);
                oif = v;
            }
            else if (Matches(w, "notify"))
            {
                notify = true;
            }
            else if (Matches(w, "connected"))
            {
                connected = true;
            }
            else if (Matches(w, "vrf"))
            {
                if (!Next(out v)) return Incomplete(out error);
                return Fail(out error, $"Error: argument \"{v}\" is wrong: Invalid VRF");
            }
            else if (Matches(w, "uid"))
            {
                if (!Next(out v)) return Incomplete(out error);
                if (!Strtoul.TryParse(v, out ulong u) || u > uint.MaxValue) return Fail(out error, $"Error: argument \"{v}\" is wrong: invalid UID");
                uid = (uint)u;
            }
            else if (Matches(w, "fibmatch"))
            {
                return Fail(out error, "symroute: fibmatch is not supported");
            }
            else if (w == "as")
            {
                return Fail(out error, "symroute: as is not supported");
            }
            else if (Matches(w, "sport") || Matches(w, "dport"))
            {
                string which = Matches(w, "sport") ? "sport" : "dport";
                if (!Next(out v)) return Incomplete(out error);
                if (!Strtoul.TryParse(v, out ulong p) || p > ushort.MaxValue) return Fail(out error, $"Error: argument \"{v}\" is wrong: invalid {which}");
                if (which == "sport") sport = (ushort)p; else dport = (ushort)p;
            }
            else if (Matches(w, "ipproto"))
            {
                if (!Next(out v)) return Incomplete(out error);
                if (!IpProtocolNames.TryParse(v, out byte p)) return Fail(out error, $"Error: argument \"{v}\" is wrong: Invalid \"ipproto\" value");
                ipproto = p;
            }
            else
            {
                if (w == "to")
                {
                    if (!Next(out v)) return Incomplete(out error);
                    w = v;
                }
                if (Matches(w, "help"))
                    return Fail(out error, "Usage: ip route get ADDRESS [ from ADDRESS iif STRING ] [ oif STRING ] [ mark NUMBER ] [ tos TOS ] [ ipproto PROTOCOL ] [ sport NUMBER ] [ dport NUMBER ] [ uid NUMBER ]");
                if (!TryPrefix(w, ref family, out var a, out int? len))
                    return Fail(out error, PrefixError(family, w));
                int max = family == Family.Inet6 ? 128 : 32;
                if (len is int l && l != max)
                    warnings.Add($"Warning: /{l} as prefix is invalid, only /{max} (or none) is supported.");
                dst = a;
            }
        }
        if (dst is null)
            return Fail(out error, "need at least a destination address");
        request = new RouteGetRequest(new RouteQuery(dst, from, iif, oif, mark, tos, ipproto, sport, dport, uid), connected, warnings) { Notify = notify };
        return true;
    }

    /// <summary>iproute2's matches(): the word is a non-empty prefix of the keyword.</summary>
    private static bool Matches(string word, string keyword) =>
        word.Length > 0 && word.Length <= keyword.Length && keyword.StartsWith(word, StringComparison.Ordinal);

    private static bool Incomplete(out string error) => Fail(out error, "Command line is not complete. Try option \"help\"");

    private static bool Fail(out string error, string message)
    {
        error = message;
        return false;
    }

    private static string PrefixError(Family? family, string text) =>
        $"Error: {(family == Family.Inet6 ? "inet6" : family == Family.Inet ? "inet" : "any valid")} prefix is expected rather than \"{text}\".";

    /// <summary>get_prefix: <c>default</c>/<c>any</c>/<c>all</c>, ADDR or ADDR/LEN; sets the family from the first address.</summary>
    private static bool TryPrefix(string text, ref Family? family, [NotNullWhen(true)] out IPAddress? address, out int? length)
    {
        address = null;
        length = null;
        if (text is "default" or "any" or "all")
        {
            family ??= Family.Inet;
            address = family == Family.Inet ? IPAddress.Any : IPAddress.IPv6Any;
            return true;
        }
        int slash = text.IndexOf('/');
        string a = slash < 0 ? text : text[..slash];
        IPAddress? parsed;
        if (a.Contains(':'))
        {
            if (family == Family.Inet || !IPAddress.TryParse(a, out parsed) || parsed.AddressFamily != AddressFamily.InterNetworkV6 || a.Contains('%'))
                return false;
        }
        else
        {
            if (family == Family.Inet6 || !TryParseIpv4Loose(a, out parsed))
                return false;
        }
        int max = parsed.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32;
        if (slash >= 0)
        {
            if (!Strtoul.TryParse(text[(slash + 1)..], out ulong l) || l > (ulong)max)
                return false;
            length = (int)l;
        }
        family ??= max == 32 ? Family.Inet : Family.Inet6;
        address = parsed;
        return true;
    }

    /// <summary>get_addr_ipv4: up to four parts, each strtoul(…, 0) ≤ 255; missing trailing parts are 0.</summary>
    public static bool TryParseIpv4Loose(string text, [NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        var parts = text.Split('.');
        if (parts.Length is < 1 or > 4)
            return false;
        var bytes = new byte[4];
        for (int k = 0; k < parts.Length; k++)
        {
            if (!Strtoul.TryParse(parts[k], out ulong n) || n > 255)
                return false;
            bytes[k] = (byte)n;
        }
        address = new IPAddress(bytes);
        return true;
    }

    /// <summary>
    /// A dotted quad in plain decimal (four parts of one to three digits, no leading zero, each at
    /// most 255), as UTF-8: the form of IPv4 address every tool prints. <see cref="TryParseIpv4Loose"/>
    /// gives the same address for it; other forms (<c>10.1</c>, octal <c>010</c>, hex) are left to it.
    /// </summary>
    public static bool TryParseDottedQuad(ReadOnlySpan<byte> text, out uint address)
    {
        address = 0;
        int parts = 0, i = 0;
        while (true)
        {
            int start = i, value = 0;
            while (i < text.Length && text[i] - (byte)'0' is >= 0 and <= 9)
                value = value * 10 + (text[i++] - '0');
            int digits = i - start;
            if (digits is 0 or > 3 || value > 255 || (digits > 1 && text[start] == (byte)'0'))
                return false;
            address = (address << 8) | (uint)value;
            if (++parts == 4)
                return i == text.Length;
            if (i >= text.Length || text[i] != (byte)'.')
                return false;
            i++;
        }
    }

    /// <summary>Splits a batch line into words (blanks separate them; no quoting, as ip -batch for route get).</summary>
    public static List<string> Words(string line) =>
        line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).ToList();

    internal static string Invariant(long v) => v.ToString(CultureInfo.InvariantCulture);
}
