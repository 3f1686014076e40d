using System.Collections.Immutable;
using System.Text;
using Symroute.Model;

namespace Symroute.Sources;

/// <summary>
/// Host state from <c>ip</c> text as administrators paste it: the outputs of <c>ip addr</c>,
/// <c>ip rule</c>, <c>ip -6 rule</c>, <c>ip route show table all</c>, <c>ip -6 route …</c> (and
/// <c>ip link</c>, <c>ip -o …</c>, even <c>ip -json …</c>) concatenated in one file in any order.
/// Command lines (<c>$ ip -6 route show table 100</c>) say what follows and are used when present:
/// they give the family and the table, dev, proto, scope or type their filters leave unprinted.
/// Without them the kind of each line is told from its shape, the family from its addresses (IPv6
/// routes always end in <c>pref</c>), and outputs printed twice are merged.
/// </summary>
public static class IpTextSource
{
    /// <exception cref="InputException">A line that is none of iproute2's formats, naming FILE:LINE:COL.</exception>
    public static HostState Parse(string text, string file, TableNames? names = null)
    {
        names ??= TableNames.Builtin;
        var cx = new TextContext(file, names);
        var routesParser = new IpTextRoutes(cx);
        var rulesParser = new IpTextRules(cx);
        var linksParser = new IpTextLinks(cx);

        var routeItems = new List<(int Block, Route Route)>();
        var ruleItems = new List<(int Block, bool FamilyGiven, IpTextRules.Parsed Rule)>();
        var linkBlocks = new List<IpTextLinks.Block>();
        var jsonRoutes = new List<(int Block, Route Route)>();

        IpCommand? cmd = null;
        int block = 0;
        string lastKind = "";
        IpTextRoutes.Draft? pending = null;
        IpTextLinks.Block? current = null;
        StringBuilder? json = null;
        IpCommand? jsonCmd = null;

        var seen = new HashSet<string>(StringComparer.Ordinal);
        int seenBlock = -1;
        void EndRoute()
        {
            if (pending is null) return;
            var route = IpTextRoutes.Finish(pending);
            pending = null;
            // One listing never holds the same route twice: a repeat starts the next listing.
            if (seenBlock != block) { seen.Clear(); seenBlock = block; }
            if (!seen.Add(HostStateDiff.Describe(route)))
            {
                block++;
                lastKind = "route";
                seen.Clear();
                seenBlock = block;
                seen.Add(HostStateDiff.Describe(route));
            }
            routeItems.Add((block, route));
        }
        void EndLink()
        {
            if (current is not null) IpTextLinks.Flush(current);
            current = null;
        }
        void Kind(string kind)
        {
            if (kind != lastKind) { block++; lastKind = kind; }
        }
        void EndJson()
        {
            if (json is null || jsonCmd is null) return;
            ParseJsonBlock(json.ToString(), jsonCmd, file, names, block, jsonRoutes, ruleItems, linkBlocks);
            json = null;
            jsonCmd = null;
        }

        foreach (var line in TextLine.Split(text))
        {
            var prompt = line.IsBlank ? null : IpCommand.TryParse(line, names);
            if (prompt is not null)
            {
                EndJson();
                EndRoute();
                EndLink();
                cmd = prompt;
                block++;
                lastKind = "";
                if (cmd.Json && cmd.Object != IpObject.Other)
                {
                    jsonCmd = cmd;
                    json = new StringBuilder().Append('\n', line.Number);
                }
                continue;
            }
            if (json is not null)
            {
                json.Append(line.Text).Append('\n');
                continue;
            }
            if (line.IsBlank)
            {
                EndRoute();
                EndLink();
                if (cmd is null) lastKind = "";
                continue;
            }
            string trimmed = line.Text.TrimStart();
            if (line.StartColumn == 1 && (trimmed.StartsWith('#') || trimmed.StartsWith('$')))
                continue; // a comment or another shell command
            if (cmd is { Object: IpObject.Other })
                continue; // output of a command symroute does not read
            if (cmd is { Brief: true })
                throw cx.Error(line, line.Tokens[0], "brief output (ip -br) is not supported; paste plain 'ip addr' output");

            if (IpTextRoutes.IsNexthopLine(line))
            {
                if (pending is null) throw cx.Error(line, line.Tokens[0], "nexthop line without a route line before it");
                routesParser.AddNexthop(pending, line);
                continue;
            }
            if (pending is not null && line.IsIndented && line.Tokens[0].Text == "nh_info")
                continue; // ip -d: the nexthop object of the route above
            if (IpTextLinks.IsSubLine(line))
            {
                EndRoute();
                if (current is null) throw cx.Error(line, line.Tokens[0], $"'{line.Tokens[0].Text}' line without a link line before it");
                linksParser.ParseSubLine(current, line, cmd?.Details == true);
                continue;
            }
            EndRoute();
            if (IpTextLinks.IsHeader(line))
            {
                EndLink();
                if (cmd is not null && cmd.Object is not (IpObject.Addr or IpObject.Link)) cmd = null;
                Kind("link");
                current = linksParser.ParseHeader(line);
                linkBlocks.Add(current);
                continue;
            }
            if (IpTextLinks.IsOnelineAddress(line))
            {
                var previous = current ?? (lastKind == "link" && linkBlocks.Count > 0 ? linkBlocks[^1] : null);
                EndLink();
                if (cmd is not null && cmd.Object is not (IpObject.Addr or IpObject.Link)) cmd = null;
                Kind("link");
                var b = linksParser.ParseOnelineAddress(line, cmd?.Details == true, previous);
                if (!ReferenceEquals(b, previous)) linkBlocks.Add(b);
                current = b;
                continue;
            }
            if (line.IsIndented)
            {
                if (current is not null && cmd is { Details: true } or { Stats: true })
                {
                    // ip -d detail lines (the first names the link kind) and ip -s counters.
                    if (cmd.Details) linksParser.ParseDetailLine(current, line);
                    continue;
                }
                throw cx.Error(line, line.Tokens[0], $"unexpected indented line starting with '{TextContext.Shorten(line.Tokens[0].Text)}'");
            }
            EndLink();
            if (IpTextRules.IsRuleLine(line))
            {
                if (cmd is not null && cmd.Object != IpObject.Rule) cmd = null;
                Kind("rule");
                ruleItems.Add((block, cmd?.Family is not null, rulesParser.Parse(line, cmd?.Family)));
                continue;
            }
            if (cmd is not null && cmd.Object != IpObject.Route) cmd = null;
            Kind("route");
            pending = routesParser.ParseRoute(line, cmd);
        }
        EndJson();
        EndRoute();
        EndLink();

        routeItems.AddRange(jsonRoutes);
        var routes = MergeRoutes(routeItems);
        var rules = MergeRules(ruleItems, cx);
        var (links, addresses) = MergeLinks(linkBlocks);
        return new HostState(links, IpJsonSource.SortAddresses(links, addresses), routes, rules, Sysctls.Empty, names);
    }

    private static void ParseJsonBlock(string json, IpCommand cmd, string file, TableNames names, int block,
        List<(int, Route)> routes, List<(int, bool, IpTextRules.Parsed)> rules, List<IpTextLinks.Block> links)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        switch (cmd.Object)
        {
            case IpObject.Route:
                foreach (var r in IpJsonSource.ParseRoutes(bytes, file, cmd.Family, names))
                {
                    var route = r;
                    if (cmd.Table is { } t) route = route with { Table = t };
                    routes.Add((block, route));
                }
                break;
            case IpObject.Rule:
                foreach (var r in IpJsonSource.ParseRules(bytes, file, cmd.Family ?? Family.Inet, names))
                    rules.Add((block, true, new IpTextRules.Parsed(r, r.Family, null!)));
                break;
            case IpObject.Addr or IpObject.Link:
                var (l, a) = IpJsonSource.ParseLinks(bytes, file);
                foreach (var link in l)
                {
                    var b = new IpTextLinks.Block { Index = link.Index, Name = link.Name, Link = link };
                    b.Addresses.AddRange(a.Where(x => x.Dev == link.Name));
                    links.Add(b);
                }
                break;
        }
    }

    /// <summary>
    /// Routes of each family from every output, in file order, without the outputs another one
    /// contains (<c>ip route</c> shows a subset of <c>ip route show table all</c>).
    /// </summary>
    private static ImmutableArray<Route> MergeRoutes(List<(int Block, Route Route)> items)
    {
        var result = ImmutableArray.CreateBuilder<Route>();
        foreach (var family in new[] { Family.Inet, Family.Inet6 })
        {
            var sections = items.Where(x => x.Route.Family == family).OrderBy(x => x.Block)
                .GroupBy(x => x.Block)
                .Select(g => g.Select(x => x.Route).ToList())
                .ToList();
            foreach (var s in Distinct(sections, HostStateDiff.Describe))
                result.AddRange(s);
        }
        return result.ToImmutable();
    }

    /// <summary>Sections not contained in another one (of two equal sections, the first is kept).</summary>
    private static List<List<T>> Distinct<T>(List<List<T>> sections, Func<T, string> key)
    {
        var keys = sections.Select(s => s.Select(key).ToHashSet(StringComparer.Ordinal)).ToList();
        var keep = new List<List<T>>();
        for (int i = 0; i < sections.Count; i++)
        {
            bool contained = false;
            for (int j = 0; j < sections.Count && !contained; j++)
            {
                if (i == j) continue;
                bool subset = keys[i].IsSubsetOf(keys[j]);
                bool equal = subset && keys[j].IsSubsetOf(keys[i]);
                contained = subset && (!equal || j < i);
            }
            if (!contained) keep.Add(sections[i]);
        }
        return keep;
    }

    /// <summary>
    /// Rules grouped into per-family lists. Without a command line a list's family comes from its
    /// addresses, else from its place: the first list is IPv4 (<c>ip rule</c>), a later different
    /// one IPv6. Lists restart where the priority goes down (each family's list is ascending).
    /// </summary>
    private static ImmutableArray<Rule> MergeRules(List<(int Block, bool FamilyGiven, IpTextRules.Parsed Rule)> items, TextContext cx)
    {
        var chunks = new List<(Family? Family, List<IpTextRules.Parsed> Rules)>();
        foreach (var g in items.GroupBy(x => x.Block))
        {
            List<IpTextRules.Parsed>? cur = null;
            Family? fam = null;
            uint last = 0;
            bool given = g.First().FamilyGiven;
            foreach (var (_, _, p) in g)
            {
                if (cur is null || (!given && p.Rule.Priority < last))
                {
                    if (cur is not null) chunks.Add((fam, cur));
                    cur = [];
                    fam = given ? p.Rule.Family : null;
                }
                if (p.Family is { } f)
                {
                    if (fam is not null && fam != f)
                        throw cx.Error(p.Line, 1, $"{(f == Family.Inet ? "IPv4" : "IPv6")} rule in a list of {(fam == Family.Inet ? "IPv4" : "IPv6")} rules");
                    fam = f;
                }
                cur.Add(p);
                last = p.Rule.Priority;
            }
            if (cur is not null) chunks.Add((fam, cur));
        }

        var lists = new List<(Family Family, List<Rule> Rules)>();
        bool haveInet = chunks.Any(c => c.Family == Family.Inet);
        foreach (var (fam, rs) in chunks)
        {
            Family f;
            if (fam is { } known) f = known;
            else if (!haveInet) { f = Family.Inet; haveInet = true; }
            else
            {
                // An unlabelled repeat of the IPv4 list is that list again, not IPv6.
                var asV4 = rs.Select(p => Fix(p, Family.Inet)).ToList();
                if (lists.Any(l => l.Family == Family.Inet && l.Rules.SequenceEqual(asV4))) continue;
                f = Family.Inet6;
            }
            lists.Add((f, rs.Select(p => Fix(p, f)).ToList()));
        }
        var result = ImmutableArray.CreateBuilder<Rule>();
        foreach (var family in new[] { Family.Inet, Family.Inet6 })
            foreach (var l in Distinct(lists.Where(l => l.Family == family).Select(l => l.Rules).ToList(), r => r.ToString()))
                result.AddRange(l);
        return result.ToImmutable();
    }

    private static Rule Fix(IpTextRules.Parsed p, Family f)
    {
        var r = IpTextRules.WithFamily(p.Rule, f);
        if (r.Protocol is RouteProtocol.Unspec or RouteProtocol.Kernel)
            r = r with { Protocol = RuleDefaults.UnprintedProtocol(r) };
        return r;
    }

    /// <summary>Links by ifindex, each field from the first output that showed it; each device's
    /// addresses of a family from the first output that listed any.</summary>
    private static (ImmutableArray<LinkInfo>, ImmutableArray<InterfaceAddress>) MergeLinks(List<IpTextLinks.Block> blocks)
    {
        var links = new SortedDictionary<int, LinkInfo>();
        var taken = new HashSet<(int, Family)>();
        var addresses = ImmutableArray.CreateBuilder<InterfaceAddress>();
        foreach (var b in blocks)
        {
            var l = b.Link ?? new LinkInfo(b.Index, b.Name, [], 0);
            links[b.Index] = links.TryGetValue(b.Index, out var old) ? Fill(old, l) : l;
            foreach (var family in new[] { Family.Inet, Family.Inet6 })
            {
                var mine = b.Addresses.Where(a => a.Family == family).ToList();
                if (mine.Count > 0 && taken.Add((b.Index, family)))
                    addresses.AddRange(mine);
            }
        }
        return ([.. links.Values], addresses.ToImmutable());
    }

    private static LinkInfo Fill(LinkInfo a, LinkInfo b) => a with
    {
        Flags = a.Flags.IsDefaultOrEmpty ? b.Flags : a.Flags,
        Mtu = a.Mtu != 0 ? a.Mtu : b.Mtu,
        OperState = a.OperState ?? b.OperState,
        Master = a.Master ?? b.Master,
        Kind = a.Kind ?? b.Kind,
        LinkType = a.LinkType ?? b.LinkType,
        Address = a.Address ?? b.Address,
        Broadcast = a.Broadcast ?? b.Broadcast,
        Qdisc = a.Qdisc ?? b.Qdisc,
        TxQueueLength = a.TxQueueLength ?? b.TxQueueLength,
        LinkIndex = a.LinkIndex ?? b.LinkIndex,
        Link = a.Link ?? b.Link,
    };
}
