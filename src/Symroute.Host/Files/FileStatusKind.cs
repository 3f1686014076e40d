namespace Symroute.Host.Files;

/// <summary>The file type bits of st_mode that matter to symroute.</summary>
public enum FileStatusKind
{
    Regular,
    Directory,
    SymbolicLink,
    Other,
}
