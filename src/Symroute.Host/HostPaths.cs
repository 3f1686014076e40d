namespace Symroute.Host;

/// <summary>Resolves absolute host paths (<c>/etc/iproute2/rt_tables</c>) under a root directory (<c>--root DIR</c>).</summary>
internal static class HostPaths
{
    public static string Under(string root, string absolutePath) =>
        Path.Combine(root, absolutePath.TrimStart('/'));
}
