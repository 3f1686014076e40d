using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using Symroute.Model;

namespace Symroute.Sources.Config;

/// <summary>
/// Reads the routing parts of a systemd-networkd <c>.network</c> unit (systemd.network(5)):
/// <c>[Match] Name=</c>, <c>[Network] DHCP= Gateway=</c>, <c>[Route]</c> and
/// <c>[RoutingPolicyRule]</c> sections. Drop-ins are passed as extra text appended by the caller.
/// </summary>
public static class NetworkdParser
{
    public static ConfiguredInterface? Parse(string text, string file)
    {
        var sections = IniReader.Parse(text, file);
        var names = sections.Where(s => s.Name == "Match").SelectMany(s => s.All("Name")).Select(x => x.Value).ToList();
        if (names.Count == 0) return null; // matched by MAC, path or driver: cannot tell the device here
        string name = string.Join(' ', names);
        string? single = names.Count == 1 && !names[0].Contains('*') && !names[0].Contains('?') && !names[0].Contains(' ') ? names[0] : null;
        bool dhcp = false;
        var routes = ImmutableArray.CreateBuilder<ConfiguredRoute>();
        var rules = ImmutableArray.CreateBuilder<ConfiguredRule>();
        foreach (var sec in sections)
        {
            switch (sec.Name)
            {
                case "Network":
                    if (sec.Get("DHCP") is "yes" or "true" or "ipv4" or "ipv6" or "1") dhcp = true;
                    if (sec.Get("IPv6AcceptRA") is "yes" or "true" or "1") dhcp = true;
                    foreach (var (g, line) in sec.All("Gateway"))
                        if (IPAddress.TryParse(g, out var gw))
                            routes.Add(new ConfiguredRoute(FamilyOf(gw), IpPrefix.Default(FamilyOf(gw)), gw, single, null, null, $"{file}:{line}"));
                    break;
                case "Route":
                {
                    string? gwText = sec.Get("Gateway");
                    // Gateway=_dhcp4 / _ipv6ra: whatever the lease says; any gateway matches.
                    IPAddress? gw = gwText is not null && IPAddress.TryParse(gwText, out var g) ? g : null;
                    Family? fam = gw is not null ? FamilyOf(gw) : gwText switch { "_dhcp4" => Family.Inet, "_ipv6ra" => Family.Inet6, _ => null };
                    var dst = sec.Get("Destination") is { } d ? IpCommandArgs.ParsePrefix(d, fam) : IpPrefix.Default(fam ?? Family.Inet);
                    if (dst is null) throw InputException.At(file, sec.Line, 1, $"[Route] with a bad Destination= ({sec.Get("Destination")})");
                    fam ??= sec.Get("Destination") is null ? null : dst.Value.Family;
                    routes.Add(new ConfiguredRoute(fam, dst.Value.Network(), gw, single, sec.Get("Table"), UInt(sec.Get("Metric")), $"{file}:{sec.Line}"));
                    break;
                }
                case "RoutingPolicyRule":
                {
                    var from = IpCommandArgs.ParsePrefix(sec.Get("From"), null);
                    var to = IpCommandArgs.ParsePrefix(sec.Get("To"), null);
                    Family? fam = sec.Get("Family") switch { "ipv4" => Family.Inet, "ipv6" => Family.Inet6, _ => from?.Family ?? to?.Family };
                    uint? mark = sec.Get("FirewallMark") is { } fm ? UInt(fm.Split('/')[0]) : null;
                    rules.Add(new ConfiguredRule(fam, from, to, sec.Get("Table"), UInt(sec.Get("Priority")), mark,
                        sec.Get("IncomingInterface"), sec.Get("OutgoingInterface"), $"{file}:{sec.Line}"));
                    break;
                }
            }
        }
        return new ConfiguredInterface(name, NetworkBackend.Networkd, file, dhcp, routes.ToImmutable(), rules.ToImmutable());
    }

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
