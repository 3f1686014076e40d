using System.Runtime.InteropServices;

namespace Symroute.Host.Netlink.Wire;

/// <summary>struct ifa_cacheinfo (IFA_CACHEINFO): remaining lifetimes in seconds.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct IfaCacheinfo
{
    public uint Prefered;
    public uint Valid;
    public uint Cstamp;
    public uint Tstamp;
}
