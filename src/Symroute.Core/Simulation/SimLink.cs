using Symroute.Model;

namespace Symroute.Simulation;

/// <summary>A device as the simulator indexes it: state, effective sysctls and addresses in kernel order.</summary>
internal sealed class SimLink
{
    public SimLink(int id, string name, int ifIndex, bool up, bool carrier, bool loopback, int group, LinkInfo? model)
    {
        Id = id;
        Name = name;
        IfIndex = ifIndex;
        Up = up;
        Carrier = carrier;
        Loopback = loopback;
        Group = group;
        Model = model;
    }

    /// <summary>Position in the simulator's link array (not the ifindex).</summary>
    public int Id { get; }

    public string Name { get; }

    public int IfIndex { get; }

    public bool Up { get; }

    public bool Carrier { get; }

    public bool Loopback { get; }

    public int Group { get; }

    /// <summary>Null for the stand-in <c>lo</c> made when the state has none.</summary>
    public LinkInfo? Model { get; }

    public EffectiveIpv4Conf Conf4 { get; set; } = null!;

    public EffectiveIpv6Conf Conf6 { get; set; } = null!;

    /// <summary>IPv4 addresses in devinet's order (primaries by scope, then secondaries).</summary>
    public SimAddress4[] V4 { get; set; } = [];

    /// <summary>IPv6 addresses in addrconf's order (scope descending, newest first).</summary>
    public SimAddress6[] V6 { get; set; } = [];
}
