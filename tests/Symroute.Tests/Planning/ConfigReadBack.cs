using System.Globalization;
using Symroute.Planning;

namespace Symroute.Tests.Planning;

/// <summary>
/// Turns what a backend's files declare back into <c>ip route</c>/<c>ip rule</c> commands (without
/// the leading words), so that the state those files would produce can be built on the model with
/// HostBuilder and checked: the round trip of the backend tests.
/// </summary>
public static class ConfigReadBack
{
    /// <summary>ini-style sections in file order (networkd units, NetworkManager keyfiles).</summary>
    public static List<(string Section, Dictionary<string, string> Keys)> Sections(string text)
    {
        var list = new List<(string, Dictionary<string, string>)>();
        foreach (var raw in text.Split('\n'))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';') continue;
            if (line[0] == '[') { list.Add((line[1..^1], new Dictionary<string, string>())); continue; }
            int eq = line.IndexOf('=');
            if (eq > 0 && list.Count > 0) list[^1].Item2[line[..eq].Trim()] = line[(eq + 1)..].Trim();
        }
        return list;
    }

    /// <summary>networkd [Route] and [RoutingPolicyRule] sections as ip commands (rules: networkd installs them with protocol static).</summary>
    /// <param name="routeFilter">Which [Route] sections to take (netplan's generated unit also holds the administrator's routes).</param>
    public static List<string> Networkd(string unit, string dev, string? dhcpGateway, Func<Dictionary<string, string>, bool>? routeFilter = null)
    {
        var cmds = new List<string>();
        foreach (var (section, k) in Sections(unit))
        {
            if (section == "Route" && (routeFilter?.Invoke(k) ?? true))
            {
                string dst = k.GetValueOrDefault("Destination", "default");
                bool v6 = dst.Contains(':') || k.GetValueOrDefault("Gateway", "").Contains(':');
                var w = new List<string> { v6 ? "ip -6 route add" : "ip -4 route add", dst is "0.0.0.0/0" or "::/0" ? "default" : dst };
                if (k.TryGetValue("Gateway", out var gw)) w.Add("via " + (gw == "_dhcp4" ? dhcpGateway : gw));
                w.Add("dev " + dev);
                if (k.TryGetValue("Protocol", out var proto)) w.Add("proto " + proto);
                if (k.TryGetValue("Scope", out var scope)) w.Add("scope " + scope);
                if (k.TryGetValue("PreferredSource", out var src)) w.Add("src " + src);
                if (k.TryGetValue("Metric", out var metric)) w.Add("metric " + metric);
                if (k.TryGetValue("GatewayOnLink", out var onlink) && onlink is "yes" or "true") w.Add("onlink");
                if (k.TryGetValue("Table", out var table)) w.Add("table " + table);
                cmds.Add(string.Join(' ', w));
            }
            else if (section == "RoutingPolicyRule")
            {
                bool v6 = k.GetValueOrDefault("From", "").Contains(':') || k.GetValueOrDefault("To", "").Contains(':') || k.GetValueOrDefault("Family", "") == "ipv6";
                var w = new List<string> { v6 ? "ip -6 rule add" : "ip -4 rule add" };
                if (k.TryGetValue("Priority", out var p)) w.Add("priority " + p);
                if (k.TryGetValue("From", out var from)) w.Add("from " + from);
                if (k.TryGetValue("To", out var to)) w.Add("to " + to);
                if (k.TryGetValue("FirewallMark", out var mark)) w.Add("fwmark " + Hex(mark));
                w.Add("lookup " + k.GetValueOrDefault("Table", "main"));
                if (k.TryGetValue("SuppressPrefixLength", out var spl)) w.Add("suppress_prefixlength " + spl);
                w.Add("protocol static");
                cmds.Add(string.Join(' ', w));
            }
        }
        return cmds;
    }

    /// <summary>A NetworkManager keyfile's routes (with table=) and routing rules as ip commands (NetworkManager installs both with protocol static).</summary>
    public static List<string> Keyfile(string keyfile, string dev)
    {
        var cmds = new List<string>();
        foreach (var (section, k) in Sections(keyfile))
        {
            if (section is not ("ipv4" or "ipv6")) continue;
            string fam = section == "ipv6" ? "-6" : "-4";
            foreach (var (key, value) in k)
            {
                if (key.StartsWith("routing-rule", StringComparison.Ordinal))
                    cmds.Add($"ip {fam} rule add {value} protocol static");
                else if (key.StartsWith("route", StringComparison.Ordinal) && !key.EndsWith("_options", StringComparison.Ordinal)
                    && k.TryGetValue(key + "_options", out var opts) && opts.Contains("table="))
                {
                    var parts = value.Split(',');
                    var w = new List<string> { "ip", fam, "route", "add", parts[0] is "0.0.0.0/0" or "::/0" ? "default" : parts[0] };
                    if (parts.Length > 1 && parts[1] is not ("0.0.0.0" or "::")) w.Add("via " + parts[1]);
                    w.Add("dev " + dev);
                    w.Add("proto static");
                    if (parts.Length > 2) w.Add("metric " + parts[2]);
                    foreach (var o in opts.Split(','))
                    {
                        var (ok, ov) = (o[..o.IndexOf('=')], o[(o.IndexOf('=') + 1)..]);
                        w.Add(ok switch { "table" => "table " + ov, "src" => "src " + ov, _ => throw new InvalidOperationException("unexpected route option " + o) });
                    }
                    cmds.Add(string.Join(' ', w));
                }
            }
        }
        return cmds;
    }

    private static string Hex(string mark)
    {
        var parts = mark.Split('/');
        string H(string s) => "0x" + uint.Parse(s, CultureInfo.InvariantCulture).ToString("x", CultureInfo.InvariantCulture);
        return parts.Length == 1 ? H(parts[0]) : H(parts[0]) + "/" + H(parts[1]);
    }

    /// <summary>Runs <c>ip route|rule …</c> command lines (as the runtime script, ifupdown and network-scripts have them) on the model.</summary>
    public static void Run(Symroute.Simulation.HostBuilder b, string line)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words[0] == "sysctl")
        {
            var kv = words[^1].Split('=');
            b.Sysctl(kv[0], int.Parse(kv[1], CultureInfo.InvariantCulture));
            return;
        }
        if (words[0] == "ip") words.RemoveAt(0);
        string family = words[0] is "-4" or "-6" ? words[0] : "";
        if (family.Length > 0) words.RemoveAt(0);
        string obj = words[0];
        string rest = (family + " " + string.Join(' ', words.Skip(1))).Trim();
        if (obj == "route") b.Route(rest);
        else if (obj == "rule") b.Rule(rest);
        else throw new InvalidOperationException("not an ip route/rule command: " + line);
    }

    /// <summary>Names symroute's tables in a built state, as rt_tables.d/symroute.conf would.</summary>
    public static Symroute.Model.HostState WithNames(Symroute.Model.HostState s, Plan plan) =>
        s with { TableNames = new Symroute.Model.TableNames(plan.Tables.Where(t => t.Change != ChangeKind.Remove).Aggregate(s.TableNames.Names, (n, t) => n.SetItem(t.Id, t.Name))) };
}
