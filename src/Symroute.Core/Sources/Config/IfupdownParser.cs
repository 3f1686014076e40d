using System.Collections.Immutable;
using System.Net;
using Symroute.Model;

namespace Symroute.Sources.Config;

/// <summary>
/// Reads the routing parts of an ifupdown <c>interfaces</c> file (interfaces(5)): <c>iface IF inet|inet6 METHOD</c>
/// stanzas with <c>gateway</c> and the <c>ip route add</c> / <c>ip rule add</c> commands of
/// <c>up</c>/<c>post-up</c>/<c>pre-up</c> lines. <c>source</c> and <c>source-directory</c> lines are returned
/// for the caller (which owns the file system) to follow.
/// </summary>
public static class IfupdownParser
{
    public sealed record Result(List<ConfiguredInterface> Interfaces, List<string> Sources, List<string> SourceDirectories);

    private static readonly HashSet<string> StanzaKeywords = ["iface", "mapping", "auto", "source", "source-directory", "rename"];

    public static Result Parse(string text, string file)
    {
        var result = new Result([], [], []);
        string? current = null;
        Family family = Family.Inet;
        bool dhcp = false;
        var routes = ImmutableArray.CreateBuilder<ConfiguredRoute>();
        var rules = ImmutableArray.CreateBuilder<ConfiguredRule>();
        void Flush()
        {
            if (current is not null)
                result.Interfaces.Add(new ConfiguredInterface(current, NetworkBackend.Ifupdown, file, dhcp, routes.ToImmutable(), rules.ToImmutable()));
            current = null;
            dhcp = false;
            routes.Clear();
            rules.Clear();
        }

        int no = 0;
        string pending = "";
        foreach (var raw in text.Replace("\r\n", "\n").Split('\n'))
        {
            no++;
            var line = pending + raw.Trim();
            if (line.EndsWith('\\')) { pending = line[..^1] + " "; continue; }
            pending = "";
            if (line.Length == 0 || line[0] == '#') continue;
            var words = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            string kw = words[0];
            if (StanzaKeywords.Contains(kw) || kw.StartsWith("allow-", StringComparison.Ordinal))
            {
                if (kw == "iface")
                {
                    if (words.Length < 4) throw InputException.At(file, no, 1, "iface needs a name, an address family and a method");
                    // One interface may have an inet and an inet6 stanza: both declare it.
                    Flush();
                    current = words[1];
                    family = words[2] == "inet6" ? Family.Inet6 : Family.Inet;
                    dhcp = words[3] is "dhcp" or "auto";
                }
                else
                {
                    Flush();
                    if (kw == "source" && words.Length > 1) result.Sources.AddRange(words.Skip(1));
                    if (kw == "source-directory" && words.Length > 1) result.SourceDirectories.AddRange(words.Skip(1));
                }
                continue;
            }
            if (current is null) continue; // options of a mapping stanza
            string origin = $"{file}:{no}";
            switch (kw)
            {
                case "gateway" when words.Length > 1 && IPAddress.TryParse(words[1], out var gw):
                    routes.Add(new ConfiguredRoute(family, IpPrefix.Default(family), gw, current, null, null, origin));
                    break;
                case "up" or "post-up" or "pre-up":
                    // A line may chain several commands with ';' or '&&'.
                    foreach (var cmd in line[kw.Length..].Split([";", "&&", "||"], StringSplitOptions.RemoveEmptyEntries))
                        switch (IpCommandArgs.ParseCommand(cmd, current, origin))
                        {
                            case ConfiguredRoute r: routes.Add(r with { Family = r.Family ?? family }); break;
                            case ConfiguredRule ru: rules.Add(ru with { Family = ru.Family ?? InferRuleFamily(cmd) }); break;
                        }
                    break;
            }
        }
        Flush();
        return result;
    }

    /// <summary><c>ip rule add table 100</c> without -6 or an address is IPv4 (iproute2's default family for rules).</summary>
    private static Family InferRuleFamily(string cmd) => cmd.Contains(" -6 ", StringComparison.Ordinal) ? Family.Inet6 : Family.Inet;
}
