using System.Collections.Immutable;
using System.Net;
using Symroute.Model;

namespace Symroute.Sources.Config;

/// <summary>
/// Reads RHEL initscripts files (/etc/sysconfig/network-scripts): <c>ifcfg-IF</c> (DEVICE, BOOTPROTO,
/// GATEWAY, DEFROUTE, IPV6_DEFAULTGW), <c>route-IF</c>/<c>route6-IF</c> (ip-style lines or the
/// ADDRESSn/NETMASKn/GATEWAYn form) and <c>rule-IF</c>/<c>rule6-IF</c> (ip rule arguments).
/// </summary>
public static class NetworkScriptsParser
{
    /// <summary>Key/value pairs of an ifcfg file, quotes removed.</summary>
    public static Dictionary<string, (string Value, int Line)> Variables(string text, string file)
    {
        var vars = new Dictionary<string, (string, int)>(StringComparer.Ordinal);
        int no = 0;
        foreach (var raw in text.Replace("\r\n", "\n").Split('\n'))
        {
            no++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            int eq = line.IndexOf('=');
            if (eq <= 0) throw InputException.At(file, no, 1, $"expected KEY=VALUE, found '{(line.Length > 30 ? line[..30] + "…" : line)}'");
            string value = line[(eq + 1)..].Trim();
            if (value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0]) value = value[1..^1];
            vars[line[..eq].Trim()] = (value, no);
        }
        return vars;
    }

    /// <summary>An interface from its ifcfg file plus the route/rule files that name it.</summary>
    public static ConfiguredInterface Interface(string device, string ifcfgText, string ifcfgFile,
        IEnumerable<(string Text, string File, Family Family, bool IsRule)> extra)
    {
        var vars = Variables(ifcfgText, ifcfgFile);
        string name = vars.TryGetValue("DEVICE", out var d) ? d.Value : device;
        bool dhcp = vars.TryGetValue("BOOTPROTO", out var bp) && bp.Value is "dhcp" or "bootp"
            || vars.TryGetValue("IPV6_AUTOCONF", out var ac) && ac.Value == "yes";
        bool defroute = !(vars.TryGetValue("DEFROUTE", out var dr) && dr.Value == "no");
        var routes = ImmutableArray.CreateBuilder<ConfiguredRoute>();
        var rules = ImmutableArray.CreateBuilder<ConfiguredRule>();
        if (defroute && vars.TryGetValue("GATEWAY", out var gw) && IPAddress.TryParse(gw.Value, out var g4))
            routes.Add(new ConfiguredRoute(Family.Inet, IpPrefix.Default(Family.Inet), g4, name, null, null, $"{ifcfgFile}:{gw.Line}"));
        if (defroute && vars.TryGetValue("IPV6_DEFAULTGW", out var gw6) && IPAddress.TryParse(gw6.Value.Split('%')[0], out var g6))
            routes.Add(new ConfiguredRoute(Family.Inet6, IpPrefix.Default(Family.Inet6), g6, name, null, null, $"{ifcfgFile}:{gw6.Line}"));
        foreach (var (text, file, family, isRule) in extra)
        {
            if (isRule) rules.AddRange(Rules(text, file, family));
            else routes.AddRange(Routes(text, file, family, name));
        }
        return new ConfiguredInterface(name, NetworkBackend.NetworkScripts, ifcfgFile, dhcp, routes.ToImmutable(), rules.ToImmutable());
    }

    public static IEnumerable<ConfiguredRoute> Routes(string text, string file, Family family, string dev)
    {
        if (text.Contains("ADDRESS0=", StringComparison.Ordinal))
        {
            var vars = Variables(text, file);
            for (int i = 0; vars.TryGetValue($"ADDRESS{i}", out var a); i++)
            {
                string mask = vars.TryGetValue($"NETMASK{i}", out var m) ? m.Value : "255.255.255.255";
                int len = IPAddress.TryParse(mask, out var mk) ? mk.GetAddressBytes().Sum(b => System.Numerics.BitOperations.PopCount(b)) : 32;
                var dst = IpCommandArgs.ParsePrefix($"{a.Value}/{len}", Family.Inet)
                    ?? throw InputException.At(file, a.Line, 1, $"bad ADDRESS{i}");
                IPAddress? via = vars.TryGetValue($"GATEWAY{i}", out var gv) && IPAddress.TryParse(gv.Value, out var v) ? v : null;
                string? table = vars.TryGetValue($"TABLE{i}", out var t) ? t.Value : null;
                uint? metric = vars.TryGetValue($"METRIC{i}", out var me) && uint.TryParse(me.Value, out var mm) ? mm : null;
                yield return new ConfiguredRoute(Family.Inet, dst.Network(), via, dev, table, metric, $"{file}:{a.Line}");
            }
            yield break;
        }
        int no = 0;
        foreach (var raw in text.Replace("\r\n", "\n").Split('\n'))
        {
            no++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            var r = IpCommandArgs.Route(line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries), family, dev, $"{file}:{no}")
                ?? throw InputException.At(file, no, 1, $"cannot read route '{(line.Length > 30 ? line[..30] + "…" : line)}'");
            yield return r with { Family = r.Family ?? family };
        }
    }

    public static IEnumerable<ConfiguredRule> Rules(string text, string file, Family family)
    {
        int no = 0;
        foreach (var raw in text.Replace("\r\n", "\n").Split('\n'))
        {
            no++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            var r = IpCommandArgs.Rule(line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries), family, $"{file}:{no}");
            if (r is not null) yield return r with { Family = family };
        }
    }
}
