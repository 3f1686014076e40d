using System.Text;
using Symroute.Model;
using Symroute.Sources;
using Symroute.Simulation.Fib;
using static Symroute.Simulation.AddressBits;

namespace Symroute.Simulation;

/// <summary>
/// IPv6 route resolution as inet6_rtm_getroute sees it: ip6_route_output_flags (interface-strict
/// for link-local, multicast and loopback destinations, and for an oif without source) and
/// ip6_route_input_lookup (routes scored against the input device), then rt6_fill_node's fields.
/// There is no forwarding check and no reverse-path filter for IPv6.
/// </summary>
internal sealed class Ipv6Routing
{
    private readonly HostIndex _h;
    private readonly PolicyRouting _p;

    public Ipv6Routing(HostIndex h, PolicyRouting p)
    {
        _h = h;
        _p = p;
    }

    public RouteResult Output(RouteQuery q, ExplainTrace? t)
    {
        UInt128 dst = V6(q.Dst);
        UInt128 src = q.From is null ? UInt128.Zero : V6(q.From);
        int oif = -1;
        if (q.Oif is not null && !_h.LinkByName.TryGetValue(q.Oif, out oif))
            return Fail(q, Errno.ENODEV, RouteErrorReason.UnknownDevice, t, $"no device {q.Oif}");
        var f = new Flow
        {
            Dst = dst,
            Src = src,
            Iif = _h.LoId,
            Oif = oif,
            Mark = q.Mark ?? 0,
            Tos = q.Tos ?? 0,
            Proto = q.IpProto ?? 0,
            SPort = q.SPort ?? 0,
            DPort = q.DPort ?? 0,
            Uid = q.Uid ?? 0,
        };
        bool hasSrc = src != UInt128.Zero;
        bool strict = Ipv6AddressType.NeedStrict(dst) || (oif >= 0 && !hasSrc);
        if (t is not null)
        {
            t.Add(ExplainStepKind.Flow, 0, "output lookup (a packet this host sends): " + FlowText(t, f));
            if (strict)
                t.Add(ExplainStepKind.Note, 0, Ipv6AddressType.NeedStrict(dst)
                    ? "the destination is link-local, multicast or loopback: only routes through the oif qualify (interface-strict lookup)"
                    : $"oif {_p.DevName(oif)} without a source: only routes through {_p.DevName(oif)} qualify (interface-strict lookup)", "strict");
            else if (oif >= 0)
                t.Add(ExplainStepKind.Note, 0, $"a source is given: oif {_p.DevName(oif)} is only a preference among routes of one metric, not a requirement", "not-strict");
        }
        var res = _p.Lookup6(f, oif, strict, hasSrc, t, 0);
        if (!res.Success)
            return LookupFailed(q, res, t);
        return Decide(q, res, f, oif, strict, null, t);
    }

    public RouteResult Input(RouteQuery q, ExplainTrace? t)
    {
        UInt128 dst = V6(q.Dst);
        UInt128 src = q.From is null ? UInt128.Zero : V6(q.From);
        if (!_h.LinkByName.TryGetValue(q.Iif!, out int iif))
            return Fail(q, Errno.ENODEV, RouteErrorReason.UnknownDevice, t, $"no device {q.Iif}");
        var f = new Flow
        {
            Dst = dst,
            Src = src,
            Iif = iif,
            Oif = -1,
            Mark = q.Mark ?? 0,
            Tos = q.Tos ?? 0,
            Proto = q.IpProto ?? 0,
            SPort = q.SPort ?? 0,
            DPort = q.DPort ?? 0,
            // inet6_rtm_getroute: without RTA_UID an input lookup carries INVALID_UID, which no
            // uidrange selector matches (IPv4 input lookups use uid 0 instead).
            Uid = q.Uid ?? uint.MaxValue,
        };
        bool strict = Ipv6AddressType.NeedStrict(dst);
        if (t is not null)
        {
            t.Add(ExplainStepKind.Flow, 0, $"input lookup (a packet received on {_p.DevName(iif)}): " + FlowText(t, f));
            t.Add(ExplainStepKind.Note, 0, $"IPv6 has no forwarding check in route get and no rp_filter; routes through {_p.DevName(iif)} score higher among routes of one metric", "input");
        }
        // ip6_pol_route_input passes the input device as the device routes are scored against.
        var res = _p.Lookup6(f, iif, strict, src != UInt128.Zero, t, 0);
        if (!res.Success)
            return LookupFailed(q, res, t);
        if (Ipv6AddressType.Of(AddressBits.V6(res.Entry!.Route.Dst.Address)) == Ipv6AddressType.Kind.Multicast)
        {
            // rt6_fill_node asks ip6mr for input routes to a multicast prefix; without a multicast
            // routing entry the reply fails with EMSGSIZE.
            t?.Add(ExplainStepKind.Result, 0, "multicast route on input: the kernel asks the multicast routing table, which has no entry: RTNETLINK answers: Message too long", "error");
            return new RouteError(q, Errno.EMSGSIZE, RouteErrorReason.MulticastNotJoined)
            {
                Route = res.Entry.Route, Table = res.Table?.Id, Rule = res.Rule?.Model,
                Detail = "input lookups of multicast destinations are answered by IPv6 multicast routing (not modelled)",
            };
        }
        return Decide(q, res, f, iif, strict, _p.DevName(iif), t);
    }

    private RouteResult Decide(RouteQuery q, LookupResult res, in Flow f, int scoreOif, bool strict, string? iif, ExplainTrace? t)
    {
        var e = res.Entry!;
        var nh = e.Nexthops.Length > 0 ? e.Nexthops[0] : null;
        bool uncertain = false;
        if (e.Siblings > 1)
        {
            // fib6_select_path: siblings are chosen by the flow hash (not reproduced).
            int eligible = 0;
            var table = res.Table!;
            if (table.TryMatch(f.Dst, e.PrefixLength, out int len, out var group) && len == e.PrefixLength)
                foreach (var s in group)
                    if (ReferenceEquals(s.Route, e.Route) && s.Nexthops.Length > 0 && !s.Nexthops[0].Dead
                        && (!strict || scoreOif < 0 || s.Nexthops[0].DevId == scoreOif))
                        eligible++;
            uncertain = eligible > 1;
            t?.Add(new ExplainStep(ExplainStepKind.Nexthop, 0, uncertain
                ? $"multipath route with {eligible} usable nexthops: the kernel picks one by a flow hash (rt6_multipath_hash), which is not reproduced; shown: {NhText(nh)}"
                : $"nexthop {NhText(nh)}", uncertain ? "hash" : "chosen") { Route = e.Route, Dev = nh?.Model.Dev });
        }
        else
        {
            t?.Add(new ExplainStep(ExplainStepKind.Nexthop, 0, $"nexthop {NhText(nh)}", "chosen") { Route = e.Route, Dev = nh?.Model.Dev });
        }
        int nhDev = nh?.DevId ?? -1;
        bool local = e.Type is RouteType.Local or RouteType.Anycast;
        string? dev = local ? _h.Links[_h.LoId].Name : nh?.Model.Dev;

        // rt6_fill_node: the route's own src is reported for every lookup; for output lookups without
        // one, ipv6_dev_get_saddr on the route's device for the destination (independent of a
        // requested source).
        System.Net.IPAddress? prefsrc = null;
        if (iif is not null && e.HasPrefSrc)
        {
            prefsrc = ToAddress6(e.PrefSrc);
            t?.Add(new ExplainStep(ExplainStepKind.Source, 0, $"src {prefsrc}: the route's src (reported for input lookups too)", "route-src") { Address = prefsrc });
        }
        if (iif is null)
        {
            if (e.HasPrefSrc)
            {
                prefsrc = ToAddress6(e.PrefSrc);
                t?.Add(new ExplainStep(ExplainStepKind.Source, 0, $"src {prefsrc}: the route's src", "route-src") { Address = prefsrc });
            }
            else if (nhDev >= 0)
            {
                t?.Add(ExplainStepKind.Source, 0, $"src: RFC 6724 source selection for {q.Dst} with outgoing device {_p.DevName(nhDev)}:", "select");
                var a = Ipv6SourceSelection.Select(_h, nhDev, f.Dst, t, 1);
                prefsrc = a?.Ip;
                t?.Add(new ExplainStep(ExplainStepKind.Source, 1, a is null ? "no usable address: no src" : $"chosen: {a.Ip}", a is null ? "none" : "chosen") { Address = a?.Ip });
            }
            if (q.From is not null && f.Src != UInt128.Zero)
                t?.Add(ExplainStepKind.Note, 0, $"packets of this flow carry the requested source {q.From}; ip prints src as the kernel would choose it", "from");
        }
        var flags = NexthopFlags.None;
        if (nh is not null)
        {
            if (nh.LinkDown)
            {
                flags |= NexthopFlags.LinkDown;
                if (nhDev >= 0 && _h.Links[nhDev].Conf6.IgnoreRoutesWithLinkdown)
                    flags |= NexthopFlags.Dead;
            }
            if (nh.Model.IsOnLink)
                flags |= NexthopFlags.OnLink;
        }
        var d = new RouteDecision(q)
        {
            Type = e.Type,
            Dst = q.Dst,
            From = f.Src != UInt128.Zero ? q.From : null,
            Gateway = nh is { HasGateway: true } ? nh.GatewayIp : null,
            Dev = dev,
            Table = e.TableId,
            PrefSrc = prefsrc,
            Source = f.Src != UInt128.Zero ? q.From : iif is null ? prefsrc : null,
            Iif = iif,
            Metric = e.Metric,
            Pref = e.Route.Pref ?? RouterPreference.Medium,
            Protocol = e.Route.Protocol,
            Flags = flags,
            Mtu = e.HasMetrics ? e.Route.Mtu : null,
            HopLimit = e.HasMetrics ? e.Route.HopLimit : null,
            Expires = e.Route.Expires,
            Route = e.Route,
            Nexthop = nh?.Model,
            RouteTable = e.TableId,
            Rule = res.Rule?.Model,
            MultipathChoiceUncertain = uncertain,
        };
        if (t is not null && iif is null && !local && d.Source is not null && dev is not null)
        {
            var bits = AddressBits.V6(d.Source);
            var owner = _h.Links.FirstOrDefault(l => l.V6.Any(a => a.Bits == bits));
            if (owner is not null && owner.Name != dev && !owner.Loopback)
                t.Add(new ExplainStep(ExplainStepKind.Note, 0,
                    $"{d.Source} is an address of {owner.Name}, but the packet leaves {dev}: traffic from this address goes out another interface than the one that owns it (asymmetric routing)", "asymmetric")
                { Address = d.Source, Dev = dev });
        }
        t?.Add(new ExplainStep(ExplainStepKind.Result, 0, local
            ? $"delivered locally: {q.Dst} is an address of this host"
            : (iif is null ? "leaves " : "forwarded out of ") + dev + (d.Gateway is null ? " (destination on-link)" : $" via {d.Gateway}")
              + (iif is null ? $" with source {d.Source?.ToString() ?? "none"}" : ""), "ok") { Dev = dev, Address = d.Gateway });
        return d;
    }

    private RouteResult LookupFailed(RouteQuery q, in LookupResult res, ExplainTrace? t)
    {
        var err = res.Error!.Value;
        t?.Add(ExplainStepKind.Result, 0, "RTNETLINK answers: " + ErrnoText.Message(err), "error");
        return new RouteError(q, err, res.Reason)
        {
            Rule = res.Rule?.Model,
            Route = res.Entry?.Route,
            Table = res.Table?.Id,
            Detail = res.Reason switch
            {
                RouteErrorReason.RejectRule => $"rule {res.Rule!.Model.Priority} is a {res.Rule.Model.Action.ToString().ToLowerInvariant()} rule",
                RouteErrorReason.RejectRoute => $"{PolicyRouting.TypeName(res.Entry!.Type)} route {res.Entry.Route.Dst.ToRouteString()} in table {_p.TableName(res.Entry.TableId)}",
                _ => "no rule's table has a usable route for the destination",
            },
        };
    }

    private static RouteError Fail(RouteQuery q, Errno errno, RouteErrorReason reason, ExplainTrace? t, string detail)
    {
        if (t is not null)
        {
            t.Add(ExplainStepKind.Check, 0, detail, "failed");
            t.Add(ExplainStepKind.Result, 0, "RTNETLINK answers: " + ErrnoText.Message(errno), "error");
        }
        return new RouteError(q, errno, reason) { Detail = detail };
    }

    private static string NhText(FibNexthop? nh) =>
        nh is null ? "dev lo" : nh.GatewayIp is null ? $"dev {nh.Model.Dev}" : $"via {nh.GatewayIp} dev {nh.Model.Dev}";

    private string FlowText(ExplainTrace t, in Flow f) =>
        FlowDescription.Format(t.Address6(f.Dst), t.Address6(f.Src), _p.DevName(f.Iif), f.Oif >= 0 ? _p.DevName(f.Oif) : null,
            f.Mark, f.Tos, f.Proto, f.SPort, f.DPort, f.Uid, false);
}
