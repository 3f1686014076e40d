using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using Symroute.Model;

namespace Symroute.Sources.Config;

/// <summary>
/// Reads the routing parts of a NetworkManager keyfile (<c>*.nmconnection</c>, nm-settings-keyfile(5)):
/// <c>interface-name</c>, <c>method</c>, <c>gateway</c>, <c>addressN=ADDR/LEN,GW</c>,
/// <c>routeN=DST/LEN[,GW[,METRIC]]</c> with <c>routeN_options=table=T</c>, and
/// <c>routing-ruleN=priority P from … table T</c>, for [ipv4] and [ipv6].
/// </summary>
public static class NmKeyfileParser
{
    public static ConfiguredInterface? Parse(string text, string file)
    {
        var sections = IniReader.Parse(text, file);
        var connection = sections.FirstOrDefault(s => s.Name == "connection");
        string? name = connection?.Get("interface-name");
        if (name is null || name.Length == 0) return null; // matched by MAC or other properties: cannot tell the device
        bool dhcp = false;
        var routes = ImmutableArray.CreateBuilder<ConfiguredRoute>();
        var rules = ImmutableArray.CreateBuilder<ConfiguredRule>();
        foreach (var (secName, family) in new[] { ("ipv4", Family.Inet), ("ipv6", Family.Inet6) })
        {
            var sec = sections.LastOrDefault(s => s.Name == secName);
            if (sec is null) continue;
            string? method = sec.Get("method");
            if (method is "auto" or "dhcp") dhcp = true;
            bool neverDefault = sec.Get("never-default") is "true" or "yes" or "1";
            var gateways = new List<(IPAddress, int)>();
            if (sec.Get("gateway") is { } g && IPAddress.TryParse(g, out var gw))
                gateways.Add((gw, sec.Entries.Last(e => e.Key == "gateway").Line));
            foreach (var (key, value, line) in sec.Entries)
            {
                if ((key.StartsWith("address", StringComparison.Ordinal) && key.Length > 7 && char.IsDigit(key[7])) && value.Split(',') is { Length: > 1 } ap
                    && IPAddress.TryParse(ap[1], out var agw))
                    gateways.Add((agw, line));
                if (key.StartsWith("route", StringComparison.Ordinal) && key.Length > 5 && key[5..].All(char.IsDigit))
                {
                    var parts = value.Split(',');
                    var dst = IpCommandArgs.ParsePrefix(parts[0], family);
                    if (dst is null) throw InputException.At(file, line, key.Length + 2, $"bad route '{value}'");
                    IPAddress? via = parts.Length > 1 && IPAddress.TryParse(parts[1], out var v) && !v.Equals(IPAddress.Any) && !v.Equals(IPAddress.IPv6Any) ? v : null;
                    uint? metric = parts.Length > 2 && uint.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : null;
                    string? table = null;
                    if (sec.Get(key + "_options") is { } opts)
                        foreach (var opt in opts.Split(','))
                            if (opt.StartsWith("table=", StringComparison.Ordinal)) table = opt[6..];
                    routes.Add(new ConfiguredRoute(family, dst.Value.Network(), via, name, table, metric, $"{file}:{line}"));
                }
                if (key.StartsWith("routing-rule", StringComparison.Ordinal) && key[12..].All(char.IsDigit))
                {
                    var rule = IpCommandArgs.Rule(value.Split(' ', StringSplitOptions.RemoveEmptyEntries), family, $"{file}:{line}");
                    if (rule is not null) rules.Add(rule with { Family = family });
                }
            }
            if (!neverDefault)
                foreach (var (gwa, line) in gateways.DistinctBy(x => x.Item1))
                    routes.Add(new ConfiguredRoute(family, IpPrefix.Default(family), gwa, name, RouteTable(sec), null, $"{file}:{line}"));
        }
        return new ConfiguredInterface(name, NetworkBackend.NetworkManager, file, dhcp, routes.ToImmutable(), rules.ToImmutable());
    }

    /// <summary><c>ipv4.route-table</c>: the table NM puts this profile's routes (and default) in; null = main.</summary>
    private static string? RouteTable(IniSection sec) => sec.Get("route-table") is { } t && t != "0" ? t : null;
}
