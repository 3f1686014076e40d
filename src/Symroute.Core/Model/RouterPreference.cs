namespace Symroute.Model;

/// <summary>IPv6 router preference (RFC 4191) carried by RA routes, as iproute2 prints it.</summary>
public enum RouterPreference : byte
{
    Medium = 0,
    High = 1,
    Low = 3,
}
