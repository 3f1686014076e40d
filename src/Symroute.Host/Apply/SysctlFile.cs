using System.Globalization;

namespace Symroute.Host.Apply;

/// <summary>
/// Reads and writes one sysctl through /proc/sys (of the calling thread's network namespace),
/// as <c>sysctl -w</c> does: <c>net.ipv4.conf.eth1.arp_ignore</c> is
/// /proc/sys/net/ipv4/conf/eth1/arp_ignore. A device name may contain dots (<c>eth0.100</c>).
/// </summary>
public static class SysctlFile
{
    public static string PathOf(string key)
    {
        var parts = key.Split('.');
        if (parts.Length >= 5 && parts[0] == "net" && parts[2] == "conf")
            return $"/proc/sys/net/{parts[1]}/conf/{string.Join('.', parts[3..^1])}/{parts[^1]}";
        return "/proc/sys/" + key.Replace('.', '/');
    }

    public static int? Read(string key)
    {
        string path = PathOf(key);
        if (!File.Exists(path))
            return null;
        var text = File.ReadAllText(path).Trim();
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v) ? v : null;
    }

    public static void Write(string key, int value)
    {
        string path = PathOf(key);
        try
        {
            if (!File.Exists(path))
                throw new IOException($"setting {key}: {path} does not exist (is the device gone?)");
            File.WriteAllText(path, value.ToString(CultureInfo.InvariantCulture) + "\n");
        }
        catch (UnauthorizedAccessException)
        {
            throw new UnauthorizedAccessException($"setting {key}: permission denied writing {path} (run as root)");
        }
    }
}
