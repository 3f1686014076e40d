namespace Symroute.Model;

/// <summary>Reserved routing table ids (RT_TABLE_*).</summary>
public static class RouteTableId
{
    public const uint Unspec = 0;
    public const uint Default = 253;
    public const uint Main = 254;
    public const uint Local = 255;
}
