using System.Globalization;
using System.Text;
using Symroute.Model;
using Symroute.Sources;

namespace Symroute.Output;

/// <summary>A rule as <c>ip rule show</c> prints it (iproute2 6.1 print_rule): <c>PRIO:\tSELECTORS ACTION</c>.</summary>
public static class RuleText
{
    /// <param name="devices">Known device names, to mark <c>[detached]</c>; null to never do so.</param>
    /// <param name="priorities">Rule priorities of the family, to mark a goto <c>[unresolved]</c>; null to never do so.</param>
    public static string Format(Rule r, TableNames names, ISet<string>? devices = null, ISet<uint>? priorities = null)
    {
        var sb = new StringBuilder(64);
        sb.Append(r.Priority.ToString(CultureInfo.InvariantCulture)).Append(":\t");
        if (r.Not) sb.Append("not ");
        if (r.From is { Length: > 0 } from)
            sb.Append("from ").Append(from);
        else
            sb.Append("from all");
        if (r.To is { } to && to.Length > 0)
            sb.Append(" to ").Append(to);
        if (r.Tos is byte tos && tos != 0)
            sb.Append(" tos ").Append(DsfieldNames.Format(tos));
        uint mark = r.FwMark ?? 0;
        uint mask = r.FwMask ?? (mark != 0 ? uint.MaxValue : 0);
        if (mark != 0 || mask != 0)
        {
            sb.Append(" fwmark ").Append(Hex(mark));
            if (mask != uint.MaxValue)
                sb.Append('/').Append(Hex(mask));
        }
        if (r.Iif is not null)
        {
            sb.Append(" iif ").Append(r.Iif);
            if (r.IifDetached || (devices is not null && !devices.Contains(r.Iif))) sb.Append(" [detached]");
        }
        if (r.Oif is not null)
        {
            sb.Append(" oif ").Append(r.Oif);
            if (r.OifDetached || (devices is not null && !devices.Contains(r.Oif))) sb.Append(" [detached]");
        }
        if (r.L3mdev)
            sb.Append(" lookup [l3mdev-table]");
        if (r.UidRange is UidRange u)
            sb.Append(" uidrange ").Append(u.Start.ToString(CultureInfo.InvariantCulture)).Append('-').Append(u.End.ToString(CultureInfo.InvariantCulture));
        if (r.IpProto is byte p)
            sb.Append(" ipproto ").Append(IpProtocolNames.Format(p));
        if (r.SPort is PortRange sp)
            sb.Append(" sport ").Append(sp);
        if (r.DPort is PortRange dp)
            sb.Append(" dport ").Append(dp);
        if (r.TunId is ulong tun)
            sb.Append(" tun_id ").Append(tun.ToString(CultureInfo.InvariantCulture));
        if (r.Action == RuleAction.Lookup && !r.L3mdev)
        {
            sb.Append(" lookup ").Append(names.Format(r.Table ?? RouteTableId.Main));
            if (r.SuppressPrefixLength is int spl && spl != -1)
                sb.Append(" suppress_prefixlength ").Append(spl.ToString(CultureInfo.InvariantCulture));
            if (r.SuppressIfGroup is int sg && sg != -1)
                sb.Append(" suppress_ifgroup ").Append(sg == 0 ? "default" : sg.ToString(CultureInfo.InvariantCulture));
        }
        switch (r.Action)
        {
            case RuleAction.Goto:
                sb.Append(" goto ").Append(r.Goto?.ToString(CultureInfo.InvariantCulture) ?? "none");
                if (r.Unresolved || (priorities is not null && (r.Goto is null || !priorities.Contains(r.Goto.Value))))
                    sb.Append(" [unresolved]");
                break;
            case RuleAction.Nop:
                sb.Append(" nop");
                break;
            case RuleAction.Unreachable or RuleAction.Prohibit or RuleAction.Blackhole:
                sb.Append(' ').Append(r.Action.ToString().ToLowerInvariant());
                break;
        }
        if (r.Protocol is byte proto && proto != 0 && proto != RouteProtocol.Kernel)
            sb.Append(" proto ").Append(ProtocolNames.Format(proto));
        if (r.Dscp is byte dscp)
            sb.Append(" dscp ").Append(dscp.ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    private static string Hex(uint v) => v == 0 ? "0" : "0x" + v.ToString("x", CultureInfo.InvariantCulture);
}
