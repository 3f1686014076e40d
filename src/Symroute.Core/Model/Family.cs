namespace Symroute.Model;

/// <summary>Address family, numbered as the kernel's AF_INET / AF_INET6.</summary>
public enum Family : byte
{
    Inet = 2,
    Inet6 = 10,
}
