using System.Collections.Immutable;
using Symroute.Model;
using Symroute.Sources.Config;

namespace Symroute.Host.Config;

/// <summary>
/// Finds and reads the network configuration files of every backend under a root directory
/// (default <c>/</c>), in the precedence that decides which backend manages an interface:
/// netplan, NetworkManager (when running), systemd-networkd, ifupdown, network-scripts.
/// Paths in messages and findings are shown as on the host (<c>/etc/netplan/…</c>).
/// </summary>
public sealed class NetworkConfigReader
{
    private readonly string _root;
    private readonly List<string> _files = [];

    private NetworkConfigReader(string root) => _root = Path.GetFullPath(root);

    public static NetworkConfig Read(string root)
    {
        if (!Directory.Exists(root))
            throw new Sources.InputException($"--root {root}: no such directory");
        var r = new NetworkConfigReader(root);
        var interfaces = new List<ConfiguredInterface>();
        interfaces.AddRange(r.Netplan());
        interfaces.AddRange(r.NetworkManager());
        interfaces.AddRange(r.Networkd());
        interfaces.AddRange(r.Ifupdown());
        interfaces.AddRange(r.NetworkScripts());
        return new NetworkConfig([.. interfaces], [.. r._files]);
    }

    private string Real(string hostPath) => Path.Combine(_root, hostPath.TrimStart('/'));

    private string ReadText(string hostPath)
    {
        _files.Add(hostPath);
        return File.ReadAllText(Real(hostPath));
    }

    /// <summary>Files named *EXT in the given directories; for equal names the first directory wins (like netplan and systemd).</summary>
    private List<string> Overlay(string ext, params string[] dirs)
    {
        var byName = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var dir in dirs)
        {
            var real = Real(dir);
            if (!Directory.Exists(real)) continue;
            foreach (var f in Directory.EnumerateFiles(real, "*" + ext))
            {
                string name = Path.GetFileName(f);
                byName.TryAdd(name, dir.TrimEnd('/') + "/" + name);
            }
        }
        return [.. byName.Values];
    }

    private IEnumerable<ConfiguredInterface> Netplan()
    {
        // netplan(5): /run/netplan overrides /etc/netplan overrides /lib/netplan for the same file name.
        foreach (var f in Overlay(".yaml", "/run/netplan", "/etc/netplan", "/lib/netplan", "/usr/lib/netplan"))
            foreach (var i in NetplanParser.Parse(ReadText(f), f))
                yield return i;
    }

    private IEnumerable<ConfiguredInterface> NetworkManager()
    {
        // Keyfiles only manage anything while NetworkManager runs; it creates /run/NetworkManager.
        if (!Directory.Exists(Real("/run/NetworkManager"))) yield break;
        foreach (var f in Overlay(".nmconnection", "/run/NetworkManager/system-connections", "/etc/NetworkManager/system-connections"))
            if (NmKeyfileParser.Parse(ReadText(f), f) is { } i)
                yield return i;
    }

    private IEnumerable<ConfiguredInterface> Networkd()
    {
        // systemd.network(5): /etc overrides /run overrides /usr/lib for the same name; lexical order decides the match.
        foreach (var f in Overlay(".network", "/etc/systemd/network", "/run/systemd/network", "/usr/lib/systemd/network", "/lib/systemd/network"))
        {
            string text = ReadText(f);
            var dropins = Real(f + ".d");
            if (Directory.Exists(dropins))
                foreach (var d in Directory.EnumerateFiles(dropins, "*.conf").Order(StringComparer.Ordinal))
                    text += "\n" + ReadText(f + ".d/" + Path.GetFileName(d));
            if (NetworkdParser.Parse(text, f) is { } i)
                yield return i;
        }
    }

    private IEnumerable<ConfiguredInterface> Ifupdown()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var todo = new Queue<string>();
        todo.Enqueue("/etc/network/interfaces");
        while (todo.Count > 0)
        {
            var f = todo.Dequeue();
            if (!seen.Add(f) || !File.Exists(Real(f))) continue;
            var result = IfupdownParser.Parse(ReadText(f), f);
            foreach (var i in result.Interfaces) yield return i;
            foreach (var pattern in result.Sources)
                foreach (var m in Glob(Absolute(pattern)))
                    todo.Enqueue(m);
            foreach (var dir in result.SourceDirectories)
            {
                var real = Real(Absolute(dir));
                if (!Directory.Exists(real)) continue;
                // interfaces(5): only names made of letters, digits, '_' and '-' are read from a source-directory.
                foreach (var file in Directory.EnumerateFiles(real).Order(StringComparer.Ordinal))
                    if (Path.GetFileName(file).All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
                        todo.Enqueue(Absolute(dir).TrimEnd('/') + "/" + Path.GetFileName(file));
            }
        }
    }

    private static string Absolute(string p) => p.StartsWith('/') ? p : "/etc/network/" + p;

    /// <summary>Expands a <c>source</c> pattern with wildcards in its last component.</summary>
    private IEnumerable<string> Glob(string hostPattern)
    {
        string dir = Path.GetDirectoryName(hostPattern) ?? "/";
        string pattern = Path.GetFileName(hostPattern);
        var real = Real(dir);
        if (!Directory.Exists(real)) return [];
        return Directory.EnumerateFiles(real, pattern).Order(StringComparer.Ordinal)
            .Select(f => dir.TrimEnd('/') + "/" + Path.GetFileName(f));
    }

    private IEnumerable<ConfiguredInterface> NetworkScripts()
    {
        const string dir = "/etc/sysconfig/network-scripts";
        var real = Real(dir);
        if (!Directory.Exists(real)) yield break;
        foreach (var file in Directory.EnumerateFiles(real, "ifcfg-*").Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(file);
            string dev = name["ifcfg-".Length..];
            // initscripts ignores backups and package leftovers.
            if (dev == "lo" || dev.Contains('.') && dev.Split('.')[^1] is "bak" or "orig" or "rpmnew" or "rpmsave" or "old" || dev.EndsWith('~')) continue;
            var extra = new List<(string, string, Family, bool)>();
            foreach (var (prefix, family, isRule) in new[] { ("route-", Family.Inet, false), ("route6-", Family.Inet6, false), ("rule-", Family.Inet, true), ("rule6-", Family.Inet6, true) })
            {
                string p = $"{dir}/{prefix}{dev}";
                if (File.Exists(Real(p))) extra.Add((ReadText(p), p, family, isRule));
            }
            yield return NetworkScriptsParser.Interface(dev, ReadText($"{dir}/{name}"), $"{dir}/{name}", extra);
        }
    }
}
