using System.Collections.Immutable;
using System.Net;
using Symroute.Model;
using Symroute.Simulation;

namespace Symroute.Planning;

/// <summary>
/// Proves a plan on the model: applies it (<see cref="PlanApplier"/>), then asks the simulator the
/// decisive questions on the state before and after: where the reply from each local address to
/// an off-link client and to on-link peers leaves, where traffic to main's specific routes
/// (bridges, tunnels, static routes) goes, whether the reverse-path check accepts what arrives on
/// each uplink, and for connmark where forwarded replies go once marked. A plan whose strategy
/// promises a path it does not deliver fails the proof: such a plan is an error, not an output.
/// </summary>
public static class PlanVerifier
{
    private static readonly IPAddress[] Clients4 = [IPAddress.Parse("203.0.113.10"), IPAddress.Parse("198.51.100.10"), IPAddress.Parse("192.0.2.10"), IPAddress.Parse("8.8.8.8")];
    private static readonly IPAddress[] Clients6 = [IPAddress.Parse("2001:db8:ffff::10"), IPAddress.Parse("3fff::10"), IPAddress.Parse("2001:4860:4860::8888")];

    /// <param name="findings">Runs the checks on a state and returns the findings as <c>code subject</c> strings; null when checks are not available.</param>
    public static PlanProof Verify(HostState before, Plan plan, Func<HostState, IReadOnlyList<string>>? findings = null) =>
        plan.Refusal is not null
            ? new PlanProof([], [], [], [], [], [], plan.Refusal)
            : Verify(before, PlanApplier.Apply(before, plan), plan, findings);

    /// <summary>
    /// The same proof for a state produced some other way: by a backend's files read back, or by
    /// the rendered commands run on the model or in a namespace (round trips).
    /// </summary>
    public static PlanProof Verify(HostState before, HostState after, Plan plan, Func<HostState, IReadOnlyList<string>>? findings = null)
    {
        var sb = new Simulator(before);
        var sa = new Simulator(after);
        var paths = new List<ProofPath>();
        var failures = new List<string>();
        var tabled = plan.Uplinks.Where(u => plan.Rules.Any(r => r.Dev == u.Dev && r.Change != ChangeKind.Remove)).Select(u => u.Dev).ToHashSet();
        string D(RouteResult r) => Describe(r, after.TableNames);
        bool routesReplies = plan.Strategy is Strategy.SourceRules or Strategy.MainFirst or Strategy.Connmark;

        foreach (var family in new[] { Family.Inet, Family.Inet6 })
        {
            var client = Client(before, family);
            if (client is null)
                continue;
            foreach (var a in before.Addresses.Where(a => a.Family == family && UplinkFinder.IsUsable(a)))
            {
                var link = before.FindLink(a.Dev);
                if (link is null || link.IsLoopback || !IsPlanned(plan, a.Dev))
                    continue;

                // The reply to an off-link client.
                var q = new RouteQuery(client, a.Local);
                string b = D(sb.Output(q)), af = D(sa.Output(q));
                bool must = routesReplies && tabled.Contains(a.Dev);
                bool ok = !must || LeavesBy(sa.Output(q), a.Dev);
                paths.Add(new ProofPath("reply-off-link", $"route get {client} from {a.Local}", b, af, must ? $"dev {a.Dev}" : null, ok,
                    ok && b != af ? $"{a.Local} belongs to {a.Dev}: its replies now leave by {a.Dev}" : ok ? "" : $"the reply from {a.Local} still leaves by another interface than {a.Dev}"));
                if (!ok) failures.Add($"replies from {a.Local} to off-link clients still do not leave by {a.Dev} ({af})");

                // The reverse-path check of a request from that client arriving on the owner (IPv4 only: no rp_filter for IPv6).
                if (family == Family.Inet && plan.Uplinks.Any(u => u.Dev == a.Dev))
                {
                    var iq = new RouteQuery(a.Local, client, a.Dev);
                    var ib = sb.Input(iq);
                    var ia = sa.Input(iq);
                    bool promised = plan.Strategy == Strategy.LooseRpFilter || must;
                    bool rok = promised ? !ia.IsError : !(ia.IsError && !ib.IsError);
                    paths.Add(new ProofPath("reverse-path", $"route get {a.Local} from {client} iif {a.Dev}", D(ib), D(ia), promised ? "delivered locally" : null, rok,
                        ib.IsError && !ia.IsError ? "the reverse-path check now finds the route back by the interface the request came in on" : ""));
                    if (!rok) failures.Add($"requests from off-link clients to {a.Local} on {a.Dev} are still dropped ({D(ia)})");
                }

                // Replies to on-link peers of the other interfaces' subnets.
                foreach (var other in before.Addresses.Where(o => o.Family == family && o.Dev != a.Dev && !o.IsSecondary && UplinkFinder.IsUsable(o)
                             && before.FindLink(o.Dev) is { IsLoopback: false } && !o.Subnet.Contains(a.Local)).Select(o => o.Subnet).Distinct())
                {
                    var peer = Peer(before, other);
                    if (peer is null) continue;
                    var pq = new RouteQuery(peer, a.Local);
                    string pb = D(sb.Output(pq)), pa = D(sa.Output(pq));
                    paths.Add(new ProofPath("reply-on-link", $"route get {peer} from {a.Local}", pb, pa, null, true,
                        pb == pa ? "" : $"a peer in {other} reaches {a.Local} through {a.Dev}'s router, so the reply now goes back the same way"));
                }
            }

            // Traffic to main's specific routes must not move (the reason main-first exists).
            var uplinks = plan.Uplinks;
            foreach (var r in StrategyChooser.ExtraMainRoutes(before, uplinks).Where(r => r.Family == family))
            {
                var dst = Peer(before, r.Dst) ?? r.Dst.Address;
                foreach (var a in before.Addresses.Where(a => a.Family == family && tabled.Contains(a.Dev) && UplinkFinder.IsUsable(a)))
                {
                    var q = new RouteQuery(dst, a.Local);
                    paths.RemoveAll(p => p.Kind == "reply-on-link" && p.Query == $"route get {dst} from {a.Local}");
                    var ra = sa.Output(q);
                    string b = D(sb.Output(q)), af = D(ra);
                    bool ok = b == af;
                    paths.Add(new ProofPath("main-route", $"route get {dst} from {a.Local}", b, af, b, ok,
                        ok ? $"main's route {StrategyChooser.Describe(r)} still wins" : $"{StrategyChooser.Describe(r)} in main is bypassed by {a.Dev}'s table"));
                    if (!ok) failures.Add($"traffic from {a.Local} to {dst} no longer follows main's route {StrategyChooser.Describe(r)} ({af}); plan with --strategy main-first");
                }
            }

            // Connmark: replies forwarded from hosts behind this one, once their connection is marked.
            if (plan.Strategy == Strategy.Connmark && family == Family.Inet)
            {
                foreach (var behind in Behind(before, plan))
                {
                    var host = Peer(before, behind.Subnet);
                    if (host is null) continue;
                    foreach (var u in plan.Uplinks.Where(u => u.Mark is not null && u.Gateway4 is not null))
                    {
                        var q = new RouteQuery(client, host, behind.Dev);
                        var before1 = sb.Input(q);
                        var after1 = sa.Input(q with { Mark = u.Mark });
                        bool ok = LeavesBy(after1, u.Dev);
                        paths.Add(new ProofPath("forwarded-reply", $"route get {client} from {host} iif {behind.Dev} (connection from {u.Dev}, mark 0x{u.Mark:x} after)", D(before1), D(after1), $"dev {u.Dev}", ok,
                            ok ? $"the connection came in on {u.Dev}: its mark sends the reply back out {u.Dev}" : ""));
                        if (!ok) failures.Add($"forwarded replies of connections from {u.Dev} do not leave by {u.Dev} ({D(after1)})");

                        // The request itself, arriving on the uplink and forwarded behind (strict rp_filter with src_valid_mark).
                        var fq = new RouteQuery(host, client, u.Dev);
                        var fb = sb.Input(fq);
                        var fa = sa.Input(fq with { Mark = u.Mark });
                        bool fok = !fa.IsError;
                        paths.Add(new ProofPath("forwarded-request", $"route get {host} from {client} iif {u.Dev} (mark 0x{u.Mark:x} after)", D(fb), D(fa), $"dev {behind.Dev}", fok,
                            fb.IsError && !fa.IsError ? "the reverse-path check sees the mark (src_valid_mark) and finds the way back by the same uplink" : ""));
                        if (!fok) failures.Add($"requests from {u.Dev} to {host} behind {behind.Dev} are dropped ({D(fa)})");
                    }
                }
            }
        }

        var fb0 = findings?.Invoke(before) ?? [];
        var fa0 = findings?.Invoke(after) ?? [];
        var cleared = fb0.Except(fa0).ToImmutableArray();
        var remaining = fb0.Intersect(fa0).ToImmutableArray();
        var introduced = fa0.Except(fb0).ToImmutableArray();
        foreach (var f in remaining.Concat(introduced))
            if (MustClear(plan.Strategy, f))
                failures.Add($"the checks still find {f}");
        return new PlanProof([.. paths], [.. fb0], [.. fa0], cleared, remaining, introduced,
            failures.Count == 0 ? null : string.Join("; ", failures.Distinct()));
    }

    /// <summary>Finding codes a strategy promises to clear.</summary>
    public static bool MustClear(Strategy strategy, string finding)
    {
        string code = finding.Split(' ')[0];
        return strategy switch
        {
            Strategy.SourceRules or Strategy.MainFirst => code is "asymmetric-reply" or "rp-filter-drop",
            Strategy.Connmark => code is "asymmetric-reply" or "rp-filter-drop" or "dnat-asymmetric-reply",
            Strategy.LooseRpFilter => code is "rp-filter-drop",
            _ => false,
        };
    }

    private static bool IsPlanned(Plan plan, string dev) => plan.Uplinks.Any(u => u.Dev == dev);

    private static bool LeavesBy(RouteResult r, string dev) => r is RouteDecision d && d.Dev == dev;

    /// <summary>Interfaces with addresses that are not uplinks: containers, a LAN.</summary>
    private static IEnumerable<InterfaceAddress> Behind(HostState host, Plan plan) =>
        host.Addresses.Where(a => a.Family == Family.Inet && !a.IsSecondary && UplinkFinder.IsUsable(a)
            && host.FindLink(a.Dev) is { IsLoopback: false } && plan.Uplinks.All(u => u.Dev != a.Dev));

    /// <summary>An off-link client no route but a default covers, and outside every local subnet.</summary>
    private static IPAddress? Client(HostState host, Family family)
    {
        foreach (var c in family == Family.Inet ? Clients4 : Clients6)
            if (!host.Routes.Any(r => r.Family == family && !r.Dst.IsDefault && r.Dst.Contains(c))
                && !host.Addresses.Any(a => a.Subnet.Contains(c)))
                return c;
        return null;
    }

    /// <summary>A host address inside <paramref name="subnet"/> that is not local: the first from .2 (IPv6: ::2) upward.</summary>
    private static IPAddress? Peer(HostState host, IpPrefix subnet)
    {
        int hostBits = subnet.MaxLength - subnet.Length;
        if (hostBits < 2) return subnet.IsHost && !host.Addresses.Any(a => a.Local.Equals(subnet.Address)) ? subnet.Address : null;
        var bytes = subnet.Network().Address.GetAddressBytes();
        for (int i = 2; i < 40 && (hostBits >= 8 || i < (1 << hostBits) - 1); i++)
        {
            var b = (byte[])bytes.Clone();
            int carry = i;
            for (int k = b.Length - 1; k >= 0 && carry > 0; k--)
            {
                int v = b[k] + carry;
                b[k] = (byte)v;
                carry = v >> 8;
            }
            var addr = new IPAddress(b);
            if (!host.Addresses.Any(a => a.Local.Equals(addr)))
                return addr;
        }
        return null;
    }

    /// <summary>A decision in a few words: <c>dev eth1 via 10.10.20.1 (table symroute-eth1)</c>, <c>delivered locally</c>, or the error.</summary>
    public static string Describe(RouteResult r) => Describe(r, TableNames.Builtin);

    public static string Describe(RouteResult r, TableNames names)
    {
        if (r is RouteError e)
            return e.Reason == RouteErrorReason.ReversePathFilter
                ? $"dropped by rp_filter ({e.Message})"
                : $"error: {e.Message}";
        var d = (RouteDecision)r;
        if (d.Type == RouteType.Local)
            return "delivered locally";
        var s = $"dev {d.Dev}";
        if (d.Gateway is not null) s += $" via {d.Gateway}";
        if (d.RouteTable is uint t && t != RouteTableId.Main) s += $" (table {names.Format(t)})";
        return s;
    }
}
