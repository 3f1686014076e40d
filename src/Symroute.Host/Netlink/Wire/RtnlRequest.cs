using System.Runtime.InteropServices;

namespace Symroute.Host.Netlink.Wire;

/// <summary>Builds rtnetlink requests: an nlmsghdr, the family header, then attributes.</summary>
internal static class RtnlRequest
{
    /// <summary>
    /// A dump request (NLM_F_REQUEST | NLM_F_DUMP) for RTM_GETLINK / GETADDR / GETROUTE / GETRULE,
    /// with the full family header each of them expects (ifinfomsg, ifaddrmsg, rtmsg, fib_rule_hdr).
    /// The sequence number is filled in by <see cref="NetlinkSocket.Dump"/>.
    /// </summary>
    public static byte[] Dump(ushort type, byte family)
    {
        int headerSize = type switch
        {
            Rtnetlink.RTM_GETLINK => 16,
            Rtnetlink.RTM_GETADDR => 8,
            Rtnetlink.RTM_GETROUTE => 12,
            Rtnetlink.RTM_GETRULE => 12,
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        };
        // RTM_GETLINK: IFLA_EXT_MASK = RTEXT_FILTER_SKIP_STATS keeps the (unused) counters out of the dump.
        int attrs = type == Rtnetlink.RTM_GETLINK ? 8 : 0;
        int len = LinuxNetlink.NLMSG_HDRLEN + LinuxNetlink.NLMSG_ALIGN(headerSize) + attrs;
        var buf = new byte[len];
        var hdr = new NlMsgHdr
        {
            Len = (uint)len,
            Type = type,
            Flags = LinuxNetlink.NLM_F_REQUEST | LinuxNetlink.NLM_F_DUMP,
        };
        MemoryMarshal.Write(buf, in hdr);
        // Every family header starts with its family byte.
        buf[LinuxNetlink.NLMSG_HDRLEN] = family;
        if (attrs > 0)
        {
            var a = buf.AsSpan(LinuxNetlink.NLMSG_HDRLEN + LinuxNetlink.NLMSG_ALIGN(headerSize));
            MemoryMarshal.Write(a, (ushort)8);
            MemoryMarshal.Write(a[2..], IfLink.IFLA_EXT_MASK);
            MemoryMarshal.Write(a[4..], Rtnetlink.RTEXT_FILTER_SKIP_STATS);
        }
        return buf;
    }
}
