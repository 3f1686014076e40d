namespace Symroute.Model;

/// <summary>Route and address scope, numbered as the kernel's RT_SCOPE_* values. Other numbers are legal.</summary>
public enum Scope : byte
{
    Global = 0,
    Site = 200,
    Link = 253,
    Host = 254,
    Nowhere = 255,
}
