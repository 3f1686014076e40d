namespace Symroute.Backends;

/// <summary>A file a renderer produces.</summary>
/// <param name="Path">Path relative to the root directory, without a leading slash (<c>etc/netplan/90-symroute.yaml</c>).</param>
/// <param name="Contents">The whole file.</param>
/// <param name="Mode">Permissions to create it with.</param>
/// <param name="Purpose">One line saying what it is for.</param>
/// <param name="Replaces">True when the file belongs to the administrator or another tool and is rewritten whole (a NetworkManager keyfile); false for symroute's own drop-ins.</param>
public sealed record RenderedFile(string Path, string Contents, UnixFileMode Mode, string Purpose, bool Replaces = false)
{
    public const UnixFileMode Mode0644 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    public const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode Mode0755 = Mode0644 | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>The mode as octal text (<c>0600</c>).</summary>
    public string ModeText => "0" + Convert.ToString((int)Mode, 8);
}
