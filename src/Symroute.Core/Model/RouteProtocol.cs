namespace Symroute.Model;

/// <summary>Well-known route/rule protocol values (RTPROT_*), as in iproute2's rt_protos.</summary>
public static class RouteProtocol
{
    public const byte Unspec = 0;
    public const byte Redirect = 1;
    public const byte Kernel = 2;
    public const byte Boot = 3;
    public const byte Static = 4;
    public const byte Ra = 9;
    public const byte Dhcp = 16;
}
