namespace Symroute.Planning;

/// <summary>Why a planned rule exists; each purpose has its own priority range inside symroute's block.</summary>
public enum RulePurpose
{
    /// <summary><c>lookup main suppress_prefixlength 0</c>: specific routes in main win over the source tables.</summary>
    MainFirst,
    /// <summary><c>fwmark M/MASK lookup T</c>: connections marked by their ingress uplink.</summary>
    Connmark,
    /// <summary><c>from ADDR lookup T</c> (IPv6: <c>from PREFIX</c>).</summary>
    Source,
    /// <summary>A source rule for a floating address (keepalived VIP): kept while the address is elsewhere.</summary>
    Vip,
}
