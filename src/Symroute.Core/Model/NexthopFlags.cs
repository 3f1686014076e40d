namespace Symroute.Model;

/// <summary>Nexthop flags (RTNH_F_*) and the route flags (RTM_F_*) iproute2 prints beside them, in print_rt_flags' vocabulary.</summary>
[Flags]
public enum NexthopFlags : uint
{
    None = 0,
    Dead = 1,
    Pervasive = 2,
    OnLink = 4,
    Offload = 8,
    LinkDown = 16,
    Unresolved = 32,
    Trap = 64,
    /// <summary>RTM_F_NOTIFY (route-level; printed <c>notify</c>).</summary>
    Notify = 0x100,
    /// <summary>RTM_F_OFFLOAD (route-level; printed <c>rt_offload</c>).</summary>
    RtOffload = 0x4000,
    /// <summary>RTM_F_TRAP (route-level; printed <c>rt_trap</c>).</summary>
    RtTrap = 0x8000,
    /// <summary>RTM_F_OFFLOAD_FAILED (route-level; printed <c>rt_offload_failed</c>).</summary>
    RtOffloadFailed = 0x20000000,
}
