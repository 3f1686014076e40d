using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Symroute.Model;

namespace Symroute.Tests.Differential;

/// <summary>One <c>ip route get</c> question: output form (no iif) or input form (iif + from).</summary>
public sealed record DiffQuery(
    IPAddress Dst,
    IPAddress? From = null,
    string? Iif = null,
    string? Oif = null,
    uint? Mark = null,
    byte? Tos = null,
    string? IpProto = null,
    ushort? SPort = null,
    ushort? DPort = null,
    uint? Uid = null)
{
    public Family Family => Dst.AddressFamily == AddressFamily.InterNetworkV6 ? Family.Inet6 : Family.Inet;

    public bool IsInput => Iif is not null;

    /// <summary>Kind label for statistics: out4, in4, out6, in6.</summary>
    public string Kind => (IsInput ? "in" : "out") + (Family == Family.Inet ? "4" : "6");

    /// <summary>The words after <c>ip route get</c>.</summary>
    public string ToArgs()
    {
        var sb = new StringBuilder(Dst.ToString());
        if (From is not null) sb.Append(" from ").Append(From);
        if (Iif is not null) sb.Append(" iif ").Append(Iif);
        if (Oif is not null) sb.Append(" oif ").Append(Oif);
        if (Mark is not null) sb.Append(" mark ").Append(Mark.Value.ToString(CultureInfo.InvariantCulture));
        if (Tos is not null) sb.Append(" tos 0x").Append(Tos.Value.ToString("x2", CultureInfo.InvariantCulture));
        if (IpProto is not null) sb.Append(" ipproto ").Append(IpProto);
        if (SPort is not null) sb.Append(" sport ").Append(SPort.Value.ToString(CultureInfo.InvariantCulture));
        if (DPort is not null) sb.Append(" dport ").Append(DPort.Value.ToString(CultureInfo.InvariantCulture));
        if (Uid is not null) sb.Append(" uid ").Append(Uid.Value.ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    public override string ToString() => "ip route get " + ToArgs();
}
