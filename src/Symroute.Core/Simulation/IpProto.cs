namespace Symroute.Simulation;

/// <summary>IP protocol numbers the simulator treats specially.</summary>
internal static class IpProto
{
    public const byte Icmp = 1;
    public const byte Igmp = 2;
    public const byte Tcp = 6;
    public const byte Udp = 17;
    public const byte Icmpv6 = 58;
}
