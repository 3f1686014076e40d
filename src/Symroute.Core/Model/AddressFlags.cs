namespace Symroute.Model;

/// <summary>Address flags (IFA_F_*), as <c>ip addr</c> prints them.</summary>
[Flags]
public enum AddressFlags : uint
{
    None = 0,
    /// <summary>IFA_F_SECONDARY; for IPv6 printed as <c>temporary</c>.</summary>
    Secondary = 0x01,
    NoDad = 0x02,
    Optimistic = 0x04,
    DadFailed = 0x08,
    HomeAddress = 0x10,
    Deprecated = 0x20,
    Tentative = 0x40,
    Permanent = 0x80,
    ManageTempAddr = 0x100,
    NoPrefixRoute = 0x200,
    McAutoJoin = 0x400,
    StablePrivacy = 0x800,
}
