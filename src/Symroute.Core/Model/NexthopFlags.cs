namespace Symroute.Model;

/// <summary>Nexthop flags (RTNH_F_*), as iproute2 prints them.</summary>
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
}
