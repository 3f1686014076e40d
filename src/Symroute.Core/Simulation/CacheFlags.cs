namespace Symroute.Simulation;

/// <summary>The RTCF_* flags of the cloned route that <c>ip route get</c> prints as <c>cache &lt;…&gt;</c> (IPv4 only).</summary>
[Flags]
public enum CacheFlags
{
    None = 0,
    /// <summary>RTCF_LOCAL: delivered to this host (or sent through lo).</summary>
    Local = 1,
    /// <summary>RTCF_BROADCAST.</summary>
    Broadcast = 2,
    /// <summary>RTCF_MULTICAST (also shows <c>rt_offload_failed</c>, which shares its bit).</summary>
    Multicast = 4,
    /// <summary>RTCF_DOREDIRECT: forwarded out of the device it came in on; an ICMP redirect would be sent.</summary>
    Redirect = 8,
    /// <summary>RTCF_NOTIFY: asked with <c>notify</c> (also printed <c>notify</c> among the flags).</summary>
    Notify = 16,
}
