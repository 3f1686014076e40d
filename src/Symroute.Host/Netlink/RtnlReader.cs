using Symroute.Host.Netlink.Wire;

namespace Symroute.Host.Netlink;

/// <summary>
/// Reads links, addresses, routes (every table, IPv4 then IPv6) and rules (IPv4 then IPv6) of the
/// calling thread's network namespace over rtnetlink, without the <c>ip</c> binary.
/// </summary>
public static class RtnlReader
{
    /// <summary>Dumps the live state. Throws <see cref="NetlinkException"/> when the kernel refuses.</summary>
    public static RtnlState Read()
    {
        using var socket = NetlinkSocket.Open();
        return Read(new LiveSource(socket));
    }

    /// <summary>Decodes recorded dumps exactly as live ones.</summary>
    internal static RtnlState Decode(RtnlRecording recording) => Read(new ReplaySource(recording));

    /// <summary>Dumps the live state and keeps the raw bytes too (fixture capture).</summary>
    internal static RtnlRecording Record()
    {
        using var socket = NetlinkSocket.Open();
        byte[] Dump(ushort type, byte family, string what)
        {
            var rec = new RawMessageRecorder();
            socket.Dump(RtnlRequest.Dump(type, family), rec, what);
            return rec.ToArray();
        }
        return new RtnlRecording(
            Dump(Rtnetlink.RTM_GETLINK, LinuxNetlink.AF_UNSPEC, "link"),
            Dump(Rtnetlink.RTM_GETADDR, LinuxNetlink.AF_UNSPEC, "address"),
            Dump(Rtnetlink.RTM_GETROUTE, LinuxNetlink.AF_INET, "IPv4 route"),
            Dump(Rtnetlink.RTM_GETROUTE, LinuxNetlink.AF_INET6, "IPv6 route"),
            Dump(Rtnetlink.RTM_GETRULE, LinuxNetlink.AF_INET, "IPv4 rule"),
            Dump(Rtnetlink.RTM_GETRULE, LinuxNetlink.AF_INET6, "IPv6 rule"));
    }

    private enum Dump { Links, Addresses, Routes4, Routes6, Rules4, Rules6 }

    private interface ISource
    {
        void Run(Dump dump, INetlinkMessageSink sink);
    }

    private static RtnlState Read(ISource source)
    {
        var links = new LinkDecoder();
        source.Run(Dump.Links, links);
        var table = links.Build();

        var addresses = new AddressDecoder(table);
        source.Run(Dump.Addresses, addresses);

        var routes = new RouteDecoder(table);
        routes.BeginDump();
        source.Run(Dump.Routes4, routes);
        routes.BeginDump();
        source.Run(Dump.Routes6, routes);

        var rules = new RuleDecoder();
        rules.BeginDump();
        source.Run(Dump.Rules4, rules);
        rules.BeginDump();
        source.Run(Dump.Rules6, rules);

        return new RtnlState(table.Links, addresses.Build(), routes.Build(), rules.Build());
    }

    private sealed class LiveSource(NetlinkSocket socket) : ISource
    {
        public void Run(Dump dump, INetlinkMessageSink sink)
        {
            var (type, family, what) = dump switch
            {
                Dump.Links => (Rtnetlink.RTM_GETLINK, LinuxNetlink.AF_UNSPEC, "link"),
                Dump.Addresses => (Rtnetlink.RTM_GETADDR, LinuxNetlink.AF_UNSPEC, "address"),
                Dump.Routes4 => (Rtnetlink.RTM_GETROUTE, LinuxNetlink.AF_INET, "IPv4 route"),
                Dump.Routes6 => (Rtnetlink.RTM_GETROUTE, LinuxNetlink.AF_INET6, "IPv6 route"),
                Dump.Rules4 => (Rtnetlink.RTM_GETRULE, LinuxNetlink.AF_INET, "IPv4 rule"),
                _ => (Rtnetlink.RTM_GETRULE, LinuxNetlink.AF_INET6, "IPv6 rule"),
            };
            socket.Dump(RtnlRequest.Dump(type, (byte)family), sink, what);
        }
    }

    private sealed class ReplaySource(RtnlRecording recording) : ISource
    {
        public void Run(Dump dump, INetlinkMessageSink sink) => NetlinkReplay.Feed(dump switch
        {
            Dump.Links => recording.Links,
            Dump.Addresses => recording.Addresses,
            Dump.Routes4 => recording.Routes4,
            Dump.Routes6 => recording.Routes6,
            Dump.Rules4 => recording.Rules4,
            _ => recording.Rules6,
        }, sink);
    }
}
