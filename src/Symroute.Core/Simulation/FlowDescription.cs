using System.Globalization;
using System.Text;
using Symroute.Sources;

namespace Symroute.Simulation;

/// <summary>One line describing a flow key in explanations: the fields rules and tables see.</summary>
internal static class FlowDescription
{
    public static string Format(string dst, string src, string iif, string? oif, uint mark, byte tos, byte proto, ushort sport, ushort dport, uint uid, bool defaultUdp)
    {
        var sb = new StringBuilder(96);
        sb.Append("to ").Append(dst).Append(" from ").Append(src).Append(" iif ").Append(iif);
        if (oif is not null) sb.Append(" oif ").Append(oif);
        sb.Append(" mark 0x").Append(mark.ToString("x", CultureInfo.InvariantCulture));
        if (tos != 0) sb.Append(" tos 0x").Append(tos.ToString("x2", CultureInfo.InvariantCulture));
        if (proto != 0) sb.Append(" ipproto ").Append(IpProtocolNames.Format(proto));
        if (defaultUdp) sb.Append(" (route get's default)");
        if (sport != 0) sb.Append(" sport ").Append(sport.ToString(CultureInfo.InvariantCulture));
        if (dport != 0) sb.Append(" dport ").Append(dport.ToString(CultureInfo.InvariantCulture));
        if (uid == uint.MaxValue) sb.Append(" uid none (INVALID_UID: matches no uidrange)");
        else sb.Append(" uid ").Append(uid.ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }
}
