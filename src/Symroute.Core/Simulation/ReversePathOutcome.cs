namespace Symroute.Simulation;

/// <summary>How fib_validate_source decided.</summary>
public enum ReversePathOutcome
{
    /// <summary>rp_filter off and the source is not one of ours: accepted without a lookup.</summary>
    AcceptedWithoutCheck,
    /// <summary>rp_filter off and accept_local on: accepted without a lookup.</summary>
    AcceptedAcceptLocal,
    /// <summary>The reverse route uses the input device.</summary>
    AcceptedSameDevice,
    /// <summary>Loose mode (2), or rp_filter off: some unicast route back to the source exists.</summary>
    AcceptedLoose,
    /// <summary>rp_filter off and the reverse lookup found nothing (or the input device has no IPv4 address).</summary>
    AcceptedNoFilter,
    /// <summary>No route back to the source (rp_filter 1 or 2), or the input device has no address.</summary>
    RejectedNoRoute,
    /// <summary>Strict mode (1): the best route back to the source leaves by another device.</summary>
    RejectedStrict,
    /// <summary>The source is a local address and accept_local is off.</summary>
    RejectedLocalSource,
    /// <summary>The route back to the source is broadcast, multicast or another non-unicast type.</summary>
    RejectedInvalidSource,
}
