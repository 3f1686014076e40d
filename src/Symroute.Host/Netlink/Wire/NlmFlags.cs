namespace Symroute.Host.Netlink.Wire;

#pragma warning disable CA1707

/// <summary>The NLM_F_* modifiers of NEW requests (include/uapi/linux/netlink.h), named as the kernel names them.</summary>
internal static class NlmFlags
{
    public const ushort Replace = 0x100;
    public const ushort Excl = 0x200;
    public const ushort Create = 0x400;
    public const ushort Append = 0x800;
}
