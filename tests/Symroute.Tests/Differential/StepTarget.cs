namespace Symroute.Tests.Differential;

/// <summary>Where a generated configuration step runs.</summary>
public enum StepTarget
{
    /// <summary><c>ip</c> in the host namespace (family taken from the addresses on the line).</summary>
    HostIp,
    /// <summary><c>ip -4</c> in the host namespace.</summary>
    HostIp4,
    /// <summary><c>ip -6</c> in the host namespace (needed for rules, whose family is not inferred without an address).</summary>
    HostIp6,
    /// <summary><c>ip</c> in the peer namespace holding the far ends of the veth pairs.</summary>
    PeerIp,
    /// <summary>One <c>KEY=VALUE</c> written with <c>sysctl -w</c> in the host namespace.</summary>
    Sysctl,
}
