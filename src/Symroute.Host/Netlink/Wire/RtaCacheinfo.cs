using System.Runtime.InteropServices;

namespace Symroute.Host.Netlink.Wire;

/// <summary>struct rta_cacheinfo (RTA_CACHEINFO); <see cref="Expires"/> is in clock_t (USER_HZ) units.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct RtaCacheinfo
{
    public uint Clntref;
    public uint Lastuse;
    public int Expires;
    public uint Error;
    public uint Used;
    public uint Id;
    public uint Ts;
    public uint Tsage;
}
