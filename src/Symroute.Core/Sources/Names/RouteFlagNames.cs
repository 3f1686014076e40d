using Symroute.Model;

namespace Symroute.Sources;

/// <summary>Route and nexthop flag names in print_rt_flags' order (iproute2 ip/iproute.c).</summary>
public static class RouteFlagNames
{
    /// <summary>Every flag iproute2 prints, in the order it prints them.</summary>
    public static ReadOnlySpan<NexthopFlags> Order =>
    [
        NexthopFlags.Dead, NexthopFlags.OnLink, NexthopFlags.Pervasive, NexthopFlags.Offload, NexthopFlags.Trap,
        NexthopFlags.Notify, NexthopFlags.LinkDown, NexthopFlags.Unresolved, NexthopFlags.RtOffload,
        NexthopFlags.RtTrap, NexthopFlags.RtOffloadFailed,
    ];

    public static string Name(NexthopFlags flag) => flag switch
    {
        NexthopFlags.Dead => "dead",
        NexthopFlags.OnLink => "onlink",
        NexthopFlags.Pervasive => "pervasive",
        NexthopFlags.Offload => "offload",
        NexthopFlags.Trap => "trap",
        NexthopFlags.Notify => "notify",
        NexthopFlags.LinkDown => "linkdown",
        NexthopFlags.Unresolved => "unresolved",
        NexthopFlags.RtOffload => "rt_offload",
        NexthopFlags.RtTrap => "rt_trap",
        NexthopFlags.RtOffloadFailed => "rt_offload_failed",
        _ => throw new ArgumentOutOfRangeException(nameof(flag)),
    };

    /// <summary>The flag a name stands for, or None.</summary>
    public static NexthopFlags Parse(ReadOnlySpan<char> name) => name switch
    {
        "dead" => NexthopFlags.Dead,
        "onlink" => NexthopFlags.OnLink,
        "pervasive" => NexthopFlags.Pervasive,
        "offload" => NexthopFlags.Offload,
        "trap" => NexthopFlags.Trap,
        "notify" => NexthopFlags.Notify,
        "linkdown" => NexthopFlags.LinkDown,
        "unresolved" => NexthopFlags.Unresolved,
        "rt_offload" => NexthopFlags.RtOffload,
        "rt_trap" => NexthopFlags.RtTrap,
        "rt_offload_failed" => NexthopFlags.RtOffloadFailed,
        _ => NexthopFlags.None,
    };
}
