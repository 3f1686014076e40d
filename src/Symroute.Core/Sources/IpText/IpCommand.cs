using System.Text.RegularExpressions;
using Symroute.Model;

namespace Symroute.Sources;

/// <summary>
/// An <c>ip</c> command line found in pasted text (<c>$ ip -6 route show table all</c>,
/// <c>root@h:~# ip a</c>): which output follows, and what its filters leave unprinted.
/// </summary>
internal sealed partial class IpCommand
{
    public IpObject Object { get; private set; } = IpObject.Other;
    public Family? Family { get; private set; }
    public bool Json { get; private set; }
    public bool Details { get; private set; }
    public bool Brief { get; private set; }
    /// <summary><c>-s</c>: statistics lines under each link, skipped.</summary>
    public bool Stats { get; private set; }

    /// <summary>Route listing: the table filter. Null = <c>table all</c>; the default is main.</summary>
    public uint? Table { get; private set; } = RouteTableId.Main;
    /// <summary>Fields <c>ip route show</c> leaves out because a selector fixed them.</summary>
    public string? Dev { get; private set; }
    public byte? Protocol { get; private set; }
    public Scope? Scope { get; private set; }
    public RouteType? Type { get; private set; }
    /// <summary>A host address after <c>via</c>/<c>src</c>: print_route then omits it.</summary>
    public System.Net.IPAddress? Via { get; private set; }
    public System.Net.IPAddress? Src { get; private set; }
    public byte? Tos { get; private set; }
    public uint? Metric { get; private set; }

    [GeneratedRegex(@"^(?:.*?[#$>%]\s*)?(?:sudo\s+(?:-\S+\s+)*)?(?:/\S*/)?ip\s+(?<args>.*?)\s*$")]
    private static partial Regex PromptRegex();

    /// <summary>Recognises a command line; null for any other line.</summary>
    public static IpCommand? TryParse(TextLine line, TableNames names)
    {
        var m = PromptRegex().Match(line.Text);
        if (!m.Success) return null;
        var args = m.Groups["args"].Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var cmd = new IpCommand();
        int i = 0;
        // Options: iproute2 takes any unique prefix of -family, -json, …; the usual spellings suffice here.
        for (; i < args.Length && args[i].StartsWith('-'); i++)
        {
            string o = args[i].TrimStart('-');
            switch (o)
            {
                case "4": cmd.Family = Model.Family.Inet; break;
                case "6": cmd.Family = Model.Family.Inet6; break;
                case "j" or "json": cmd.Json = true; break;
                case "d" or "details": cmd.Details = true; break;
                case "br" or "brief": cmd.Brief = true; break;
                case "s" or "stats" or "statistics": cmd.Stats = true; break;
                case "n" or "netns" or "f" or "family" or "b" or "batch" or "rc" or "rcvbuf":
                    if (o is "f" or "family" && i + 1 < args.Length)
                        cmd.Family = args[i + 1] switch { "inet" => Model.Family.Inet, "inet6" => Model.Family.Inet6, _ => cmd.Family };
                    i++;
                    break;
                default: break; // -p, -s, -o, -c, -N, -t, -a, …: output readable as is.
            }
        }
        if (i >= args.Length) return null;
        string obj = args[i++];
        cmd.Object = Matches(obj, "address") ? IpObject.Addr
            : Matches(obj, "route") ? IpObject.Route
            : Matches(obj, "rule") ? IpObject.Rule
            : Matches(obj, "link") ? IpObject.Link
            : IpObject.Other;
        // Only listing subcommands; ip route get, ip addr add, … print something else.
        if (i < args.Length && cmd.Object != IpObject.Other)
        {
            string sub = args[i];
            if (Matches(sub, "show") || Matches(sub, "list") || sub is "lst" or "ls") i++;
            else if (sub is "get" or "add" or "del" or "delete" or "change" or "replace" or "append" or "prepend" or "flush" or "save" or "restore" or "monitor" or "help" or "set")
                cmd.Object = IpObject.Other;
        }
        if (cmd.Object == IpObject.Route)
            cmd.ReadRouteSelectors(args, i, names);
        return cmd;
    }

    private void ReadRouteSelectors(string[] args, int i, TableNames names)
    {
        for (; i < args.Length; i++)
        {
            string a = args[i];
            string? v = i + 1 < args.Length ? args[i + 1] : null;
            if (Matches(a, "table") && v is not null)
            {
                i++;
                if (v == "all") Table = null;
                else if (Matches(v, "cache")) Object = IpObject.Other;
                else if (names.TryResolve(v, out uint t)) Table = t;
            }
            else if (a is "dev" or "oif" && v is not null) { Dev = v; i++; }
            else if (Matches(a, "protocol") && v is not null)
            {
                i++;
                if (ProtocolNames.TryParse(v, out byte p)) Protocol = p;
            }
            else if (a == "scope" && v is not null)
            {
                i++;
                if (ScopeNames.TryParse(v, out var s)) Scope = s;
            }
            else if (a == "type" && v is not null)
            {
                i++;
                if (RouteTypeNames.TryParseName(v, out var t)) Type = t;
            }
            else if (a is "cached" or "cloned") Object = IpObject.Other;
            else if (a is "via" or "src" && v is not null)
            {
                // Only a full-length address hides the field (filter.rvia/rprefsrc.bitlen == host_len).
                i++;
                var addr = v.Contains('/') ? null : AddressText.Parse(v);
                if (a == "via") Via = addr; else Src = addr;
            }
            else if (a is "tos" or "dsfield" && v is not null)
            {
                i++;
                if (DsfieldNames.TryParse(v, out byte tos)) Tos = tos;
            }
            else if (Matches(a, "metric") && a.Length > 1 && v is not null)
            {
                i++;
                if (NumberText.TryParseUInt32(v, out uint m)) Metric = m;
            }
            else if (a is "from" or "mark" or "iif" or "realm" or "realms" or "root" or "match" or "exact" or "to" or "vrf")
                i++;
        }
    }

    /// <summary>iproute2's matches(): the word is a non-empty prefix of the keyword.</summary>
    public static bool Matches(string word, string keyword) =>
        word.Length > 0 && keyword.StartsWith(word, StringComparison.Ordinal);
}

/// <summary>What an <c>ip</c> command lists.</summary>
internal enum IpObject
{
    Other,
    Addr,
    Link,
    Route,
    Rule,
}
