namespace Symroute.Model;

/// <summary>What a NAT rule does, in nftables' words.</summary>
public enum NatKind : byte
{
    /// <summary><c>dnat to ADDR[:PORT]</c> (iptables <c>-j DNAT</c>): destination rewritten before routing.</summary>
    Dnat,
    /// <summary><c>snat to ADDR</c> (iptables <c>-j SNAT</c>).</summary>
    Snat,
    /// <summary><c>masquerade</c>: source rewritten to the output interface's address.</summary>
    Masquerade,
    /// <summary><c>redirect</c>: destination rewritten to a local address.</summary>
    Redirect,
}
