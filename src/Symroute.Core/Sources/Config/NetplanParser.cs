using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using Symroute.Model;

namespace Symroute.Sources.Config;

/// <summary>
/// Reads the routing parts of a netplan file: per device (ethernets, bonds, bridges, vlans, …)
/// its name (<c>set-name</c>, <c>match: name:</c> or the id), DHCP, <c>gateway4/6</c>,
/// <c>routes</c> and <c>routing-policy</c> (netplan's doc/netplan-yaml.md).
/// </summary>
public static class NetplanParser
{
    private static readonly string[] DeviceSections =
        ["ethernets", "bonds", "bridges", "vlans", "wifis", "tunnels", "vrfs", "modems", "dummy-devices", "virtual-ethernets", "nm-devices"];

    public static List<ConfiguredInterface> Parse(string text, string file)
    {
        var result = new List<ConfiguredInterface>();
        var root = YamlReader.Parse(text, file);
        if (root is null) return result;
        if (root is not YamlMapping top || top["network"] is not YamlMapping network)
            throw InputException.At(file, root.Line, root.Column, "netplan file without a 'network:' mapping");
        foreach (var section in DeviceSections)
        {
            if (network[section] is not YamlMapping devices) continue;
            foreach (var (id, node) in devices.Entries)
            {
                if (node is not YamlMapping dev) continue;
                string name = dev.Scalar("set-name")
                    ?? (dev["match"] as YamlMapping)?.Scalar("name")
                    ?? id;
                bool dhcp = Bool(dev.Scalar("dhcp4")) || Bool(dev.Scalar("dhcp6")) || Bool(dev.Scalar("accept-ra"));
                var routes = ImmutableArray.CreateBuilder<ConfiguredRoute>();
                var rules = ImmutableArray.CreateBuilder<ConfiguredRule>();
                foreach (var key in new[] { "gateway4", "gateway6" })
                    if (dev[key] is YamlScalar { Value: { } g } gs && IPAddress.TryParse(g, out var gw))
                    {
                        var fam = key == "gateway4" ? Family.Inet : Family.Inet6;
                        routes.Add(new ConfiguredRoute(fam, IpPrefix.Default(fam), gw, name, null, null, $"{file}:{gs.Line}"));
                    }
                if (dev["routes"] is YamlSequence rs)
                    foreach (var item in rs.Items.OfType<YamlMapping>())
                    {
                        string? to = item.Scalar("to");
                        IPAddress? via = IPAddress.TryParse(item.Scalar("via") ?? "", out var v) ? v : null;
                        Family? fam = via is not null ? FamilyOf(via) : null;
                        var dst = IpCommandArgs.ParsePrefix(to, fam);
                        if (dst is null)
                            throw InputException.At(file, item.Line, item.Column, $"route without a valid 'to:' ({to ?? "missing"})");
                        fam ??= to is "default" ? null : dst.Value.Family;
                        routes.Add(new ConfiguredRoute(fam, dst.Value.Network(), via, name, item.Scalar("table"), UInt(item.Scalar("metric")), $"{file}:{item.Line}"));
                    }
                if (dev["routing-policy"] is YamlSequence ps)
                    foreach (var item in ps.Items.OfType<YamlMapping>())
                    {
                        var from = IpCommandArgs.ParsePrefix(item.Scalar("from"), null);
                        var to = IpCommandArgs.ParsePrefix(item.Scalar("to"), null);
                        rules.Add(new ConfiguredRule(from?.Family ?? to?.Family, from, to, item.Scalar("table"),
                            UInt(item.Scalar("priority")), UInt(item.Scalar("mark")), null, null, $"{file}:{item.Line}"));
                    }
                result.Add(new ConfiguredInterface(name, NetworkBackend.Netplan, file, dhcp, routes.ToImmutable(), rules.ToImmutable()));
            }
        }
        return result;
    }

    private static bool Bool(string? s) => s is "true" or "yes" or "on" or "True";

    private static uint? UInt(string? s)
    {
        if (s is null) return null;
        if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            return uint.TryParse(s.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var h) ? h : null;
        return uint.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : null;
    }

    private static Family FamilyOf(IPAddress a) =>
        a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? Family.Inet6 : Family.Inet;
}
