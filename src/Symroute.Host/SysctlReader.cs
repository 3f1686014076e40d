using System.Collections.Immutable;
using System.Globalization;
using Symroute.Model;
using Symroute.Sources;

namespace Symroute.Host;

/// <summary>
/// Reads the routing sysctls from <c>/proc/sys/net</c> under a root directory: every
/// <c>net.ipv4.conf.X</c> and <c>net.ipv6.conf.X</c> directory (all, default, each device) and the
/// multipath hash settings. /proc/sys/net shows the network namespace of the reading thread.
/// </summary>
public static class SysctlReader
{
    private const string Ipv4ConfDir = "/proc/sys/net/ipv4/conf";
    private const string Ipv6ConfDir = "/proc/sys/net/ipv6/conf";

    /// <summary>
    /// Missing files and directories give null values; a file that exists but cannot be read or
    /// parsed counts as missing, unless nothing at all could be read while something was there,
    /// which is reported as <see cref="InputException"/> (e.g. /proc not readable).
    /// </summary>
    public static Sysctls Read(string root = "/")
    {
        var state = new ReadState();
        var ipv4 = ImmutableSortedDictionary.CreateBuilder<string, Ipv4Conf>(StringComparer.Ordinal);
        foreach (var (key, dir) in ConfDirs(HostPaths.Under(root, Ipv4ConfDir), state))
        {
            int? V(string name) => state.ReadInt(Path.Combine(dir, name));
            ipv4[key] = new Ipv4Conf(
                Forwarding: V("forwarding"),
                RpFilter: V("rp_filter"),
                AcceptLocal: V("accept_local"),
                SrcValidMark: V("src_valid_mark"),
                ArpIgnore: V("arp_ignore"),
                ArpAnnounce: V("arp_announce"),
                ArpFilter: V("arp_filter"),
                IgnoreRoutesWithLinkdown: V("ignore_routes_with_linkdown"),
                RouteLocalnet: V("route_localnet"),
                SendRedirects: V("send_redirects"),
                SharedMedia: V("shared_media"),
                LogMartians: V("log_martians"));
        }

        var ipv6 = ImmutableSortedDictionary.CreateBuilder<string, Ipv6Conf>(StringComparer.Ordinal);
        foreach (var (key, dir) in ConfDirs(HostPaths.Under(root, Ipv6ConfDir), state))
        {
            int? V(string name) => state.ReadInt(Path.Combine(dir, name));
            ipv6[key] = new Ipv6Conf(
                Forwarding: V("forwarding"),
                AcceptRa: V("accept_ra"),
                AcceptRaDefrtr: V("accept_ra_defrtr"),
                IgnoreRoutesWithLinkdown: V("ignore_routes_with_linkdown"),
                UseTempaddr: V("use_tempaddr"),
                UseOifAddrsOnly: V("use_oif_addrs_only"),
                DisableIpv6: V("disable_ipv6"));
        }

        int? policy = state.ReadInt(HostPaths.Under(root, "/proc/sys/net/ipv4/fib_multipath_hash_policy"));
        int? seed = state.ReadInt(HostPaths.Under(root, "/proc/sys/net/ipv4/fib_multipath_hash_seed"));

        if (state.Read == 0 && state.Failed > 0)
            throw new InputException($"{state.FirstFailure}: cannot read any routing sysctl: {state.FirstReason}");

        return new Sysctls(ipv4.ToImmutable(), ipv6.ToImmutable(), policy, seed);
    }

    private static IEnumerable<(string Key, string Dir)> ConfDirs(string confDir, ReadState state)
    {
        string[] dirs;
        try
        {
            if (!Directory.Exists(confDir))
                return [];
            dirs = Directory.GetDirectories(confDir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            state.Fail(confDir, e);
            return [];
        }
        return dirs.Select(d => (Path.GetFileName(d), d)).OrderBy(x => x.Item1, StringComparer.Ordinal);
    }

    private sealed class ReadState
    {
        public int Read;
        public int Failed;
        public string? FirstFailure;
        public string? FirstReason;

        public void Fail(string path, Exception e)
        {
            Failed++;
            if (FirstFailure is null)
            {
                FirstFailure = path;
                FirstReason = e is UnauthorizedAccessException ? "permission denied" : e.Message;
            }
        }

        /// <summary>The first whitespace-separated number of a sysctl file (fib_multipath_hash_seed prints a u32).</summary>
        public int? ReadInt(string path)
        {
            string text;
            try
            {
                if (!File.Exists(path))
                    return null;
                text = File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Fail(path, e);
                return null;
            }
            var first = text.AsSpan().Trim();
            int ws = first.IndexOfAny(' ', '\t', '\n');
            if (ws >= 0) first = first[..ws];
            if (int.TryParse(first, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v))
            {
                Read++;
                return v;
            }
            if (uint.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out uint u))
            {
                Read++;
                return unchecked((int)u);
            }
            Fail(path, new InvalidDataException($"not a number: '{first.ToString()}'"));
            return null;
        }
    }
}
