using System.Collections.Immutable;
using System.Net;
using System.Text;
using Symroute.Model;
using Symroute.Simulation;

namespace Symroute.Checks;

/// <summary>
/// Simulated lookups shared by the checks, computed on demand and cached: the reply path of each
/// local address to off-link clients, source-less lookups, the inbound reverse-path check. Every
/// answer comes with its evidence (the query in <c>route get</c> words and the explain trace).
/// </summary>
public sealed class ReplyAnalysis
{
    private readonly CheckContext _context;
    private Simulator? _simulator;
    private readonly Dictionary<IPAddress, ReplyPath?> _offLink = [];
    private readonly Dictionary<Family, IReadOnlyList<IPAddress>> _clients = [];

    public ReplyAnalysis(CheckContext context) => _context = context;

    public Simulator Simulator => _simulator ??= new Simulator(_context.State);

    /// <summary>
    /// Off-link client addresses to probe for a family: the candidates of <see cref="Probes"/> that
    /// no connected subnet or local address covers and that only a default route reaches from the
    /// host (so that a static route in main does not stand in for "any client"). When a full table
    /// covers them all, every non-connected candidate is kept and the worst answer is reported.
    /// </summary>
    public IReadOnlyList<IPAddress> OffLinkClients(Family family)
    {
        if (_clients.TryGetValue(family, out var list)) return list;
        var state = _context.State;
        var candidates = Probes.OffLinkCandidates(family)
            .Where(p => !state.Addresses.Any(a => a.Family == family && (a.Local.Equals(p) || a.Subnet.Contains(p))))
            .ToList();
        var viaDefault = candidates.Where(p => Simulator.Output(new RouteQuery(p)) is RouteDecision { Route: { } r } && r.Dst.IsDefault).ToList();
        list = viaDefault.Count > 0 ? viaDefault.Take(2).ToList() : candidates;
        _clients[family] = list;
        return list;
    }

    /// <summary>
    /// The reply from <paramref name="address"/> to an off-link client: the lookup a connected
    /// socket bound to the address makes (<c>route get CLIENT from ADDRESS</c>). The worst of the
    /// probe clients: the first whose reply leaves by another interface, else the first.
    /// </summary>
    public ReplyPath? OffLink(InterfaceAddress address)
    {
        if (_offLink.TryGetValue(address.Local, out var cached)) return cached;
        ReplyPath? first = null, worst = null;
        foreach (var client in OffLinkClients(address.Family))
        {
            var path = Reply(address, client);
            first ??= path;
            if (!path.Symmetric && path.Error is null) { worst = path; break; }
        }
        var result = worst ?? first;
        _offLink[address.Local] = result;
        return result;
    }

    /// <summary>The reply from <paramref name="address"/> to <paramref name="client"/>.</summary>
    public ReplyPath Reply(InterfaceAddress address, IPAddress client)
    {
        var query = new RouteQuery(client, address.Local);
        var (result, evidence) = Run(query, r => ReplySentence(address.Local, client, r));
        return result is RouteDecision d
            ? new ReplyPath(address, address.Dev, client, d.Dev, d.Gateway, null, evidence)
            : new ReplyPath(address, address.Dev, client, null, null, ((RouteError)result).Message, evidence);
    }

    /// <summary>The first, source-less lookup of an unbound socket towards an off-link client.</summary>
    public Evidence? UnboundOffLink(Family family)
    {
        var client = OffLinkClients(family).FirstOrDefault();
        if (client is null) return null;
        return Run(new RouteQuery(client), r => r is RouteDecision d
            ? $"an unbound socket's first lookup to {client} (no source yet) leaves {d.Dev}{Via(d)} with source {d.Source?.ToString() ?? "none"}{Because(d)}"
            : $"an unbound socket cannot reach {client}: {((RouteError)r).Message}").Evidence;
    }

    /// <summary><c>route get DST [from SRC]</c> as evidence.</summary>
    public Evidence Lookup(IPAddress dst, IPAddress? from) =>
        Run(new RouteQuery(dst, from), r => r is RouteDecision d
            ? $"traffic{(from is null ? "" : $" from {from}")} to {dst} leaves {d.Dev}{Via(d)}{Because(d)}"
            : $"traffic{(from is null ? "" : $" from {from}")} to {dst} fails: {((RouteError)r).Message}").Evidence;

    /// <summary>A packet from <paramref name="client"/> to <paramref name="address"/> arriving on its interface: the input lookup with the reverse-path check.</summary>
    public (RouteResult Result, Evidence Evidence) Inbound(InterfaceAddress address, IPAddress client, string? iif = null, uint? mark = null)
    {
        var query = new RouteQuery(address.Local, client, iif ?? address.Dev, Mark: mark);
        return Run(query, r => InboundSentence(address.Local, client, iif ?? address.Dev, r));
    }

    /// <summary>Runs any query with a trace and turns it into evidence.</summary>
    public (RouteResult Result, Evidence Evidence) Run(RouteQuery query, Func<RouteResult, string> sentence)
    {
        var trace = new ExplainTrace();
        var result = Simulator.RouteGet(query, trace);
        var steps = trace.Steps.Select(s => new TraceStep(KindName(s.Kind), s.Depth, s.Text, s.Outcome)).ToImmutableArray();
        var sq = new SimulatedQuery(QueryText(query), ResultText(result), steps);
        return (result, new Evidence(sentence(result), sq));
    }

    private string ReplySentence(IPAddress from, IPAddress client, RouteResult r) => r is RouteDecision d
        ? $"the reply from {from} to {client} leaves {d.Dev}{Via(d)}{Because(d)}"
        : $"the reply from {from} to {client} cannot be sent: {((RouteError)r).Message}";

    private string InboundSentence(IPAddress to, IPAddress client, string iif, RouteResult r)
    {
        if (r is RouteDecision d)
            return d.ReversePath is { } rp && rp.Looked
                ? $"a packet from {client} to {to} arriving on {iif} is accepted: the route back to {client} {(rp.RouteDev is null ? "exists" : $"leaves {rp.RouteDev}")} (rp_filter={rp.RpFilter})"
                : $"a packet from {client} to {to} arriving on {iif} is accepted";
        var e = (RouteError)r;
        if (e.ReversePath is { } bad)
            return bad.Outcome switch
            {
                ReversePathOutcome.RejectedStrict => $"a packet from {client} to {to} arriving on {iif} is dropped by strict reverse-path filtering (rp_filter={bad.RpFilter}): the route back to {client} leaves {bad.RouteDev}{RuleBecause(bad.Rule, bad.Table)}, not {iif}",
                ReversePathOutcome.RejectedNoRoute => $"a packet from {client} to {to} arriving on {iif} is dropped by reverse-path filtering (rp_filter={bad.RpFilter}): there is no route back to {client}",
                _ => $"a packet from {client} to {to} arriving on {iif} is dropped ({e.Message}): {e.Detail ?? bad.Outcome.ToString()}",
            };
        return $"a packet from {client} to {to} arriving on {iif} is dropped: {e.Message}{(e.Detail is null ? "" : $" ({e.Detail})")}";
    }

    private static string Via(RouteDecision d) => d.Gateway is null ? "" : $" via {d.Gateway}";

    /// <summary>"because rule 32766 (from all lookup main) matched and its route default via … points to eth0".</summary>
    private string Because(RouteDecision d)
    {
        if (d.Route is null) return "";
        var names = _context.State.TableNames;
        string rule = d.Rule is { } r ? $"rule {r.Priority} ({CheckText.RuleBody(r, names)}) matched and " : "";
        string table = d.RouteTable is { } t ? $"table {names.Format(t)}'s" : "the";
        return $" because {rule}{table} route {CheckText.Route(d.Route, names, withTable: false)} points to {d.Dev}";
    }

    private string RuleBecause(Rule? rule, uint? table)
    {
        if (rule is null) return "";
        var names = _context.State.TableNames;
        return $" (rule {rule.Priority}, {CheckText.RuleBody(rule, names)}{(table is { } t ? $", table {names.Format(t)}" : "")})";
    }

    /// <summary>The query in <c>symroute route get</c> words.</summary>
    public static string QueryText(RouteQuery q)
    {
        var sb = new StringBuilder();
        sb.Append(q.Dst);
        if (q.From is not null) sb.Append(" from ").Append(q.From);
        if (q.Iif is not null) sb.Append(" iif ").Append(q.Iif);
        if (q.Oif is not null) sb.Append(" oif ").Append(q.Oif);
        if (q.Mark is { } m && m != 0) sb.Append(" mark 0x").Append(m.ToString("x", System.Globalization.CultureInfo.InvariantCulture));
        if (q.IpProto is { } p) sb.Append(" ipproto ").Append(p);
        if (q.DPort is { } dp) sb.Append(" dport ").Append(dp);
        return sb.ToString();
    }

    /// <summary>The answer on one line, close to what <c>ip route get</c> prints first.</summary>
    private string ResultText(RouteResult r)
    {
        if (r is RouteError e)
            return $"error: {e.Message}";
        var d = (RouteDecision)r;
        var sb = new StringBuilder();
        if (d.Type != RouteType.Unicast) sb.Append(d.Type.ToString().ToLowerInvariant()).Append(' ');
        sb.Append(d.Dst);
        if (d.From is not null) sb.Append(" from ").Append(d.From);
        if (d.Gateway is not null) sb.Append(" via ").Append(d.Gateway);
        if (d.Dev is not null) sb.Append(" dev ").Append(d.Dev);
        if (d.Table is { } t && t != RouteTableId.Main) sb.Append(" table ").Append(_context.State.TableNames.Format(t));
        if (d.PrefSrc is not null && !d.PrefSrc.Equals(d.From)) sb.Append(" src ").Append(d.PrefSrc);
        if (d.Mark is { } m && m != 0) sb.Append(" mark 0x").Append(m.ToString("x", System.Globalization.CultureInfo.InvariantCulture));
        if (d.Iif is not null) sb.Append(" iif ").Append(d.Iif);
        return sb.ToString();
    }

    private static string KindName(ExplainStepKind k) => k switch
    {
        ExplainStepKind.ReversePath => "reverse-path",
        _ => k.ToString().ToLowerInvariant(),
    };
}
