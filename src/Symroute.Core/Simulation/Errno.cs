namespace Symroute.Simulation;

/// <summary>The kernel error numbers a route lookup can end with, named and numbered as in errno.h.</summary>
public enum Errno
{
    EACCES = 13,
    EXDEV = 18,
    ENODEV = 19,
    EINVAL = 22,
    EMSGSIZE = 90,
    EOPNOTSUPP = 95,
    ENETUNREACH = 101,
    EHOSTUNREACH = 113,
}
