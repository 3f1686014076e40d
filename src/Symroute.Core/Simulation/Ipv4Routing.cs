using System.Net;
using System.Text;
using Symroute.Model;
using Symroute.Sources;
using Symroute.Simulation.Fib;
using static Symroute.Simulation.AddressBits;

namespace Symroute.Simulation;

/// <summary>
/// IPv4 route resolution as net/ipv4/route.c does it: output lookups (ip_route_output_key_hash_rcu
/// and __mkroute_output), input lookups (ip_route_input_slow, ip_route_input_mc, __mkroute_input) and
/// the reverse-path check (fib_validate_source / __fib_validate_source), as seen through
/// inet_rtm_getroute, i.e. what <c>ip route get</c> answers.
/// </summary>
internal sealed class Ipv4Routing
{
    private readonly HostIndex _h;
    private readonly PolicyRouting _p;

    public Ipv4Routing(HostIndex h, PolicyRouting p)
    {
        _h = h;
        _p = p;
    }

    // ------------------------------------------------------------------ output

    public RouteResult Output(RouteQuery q, ExplainTrace? t)
    {
        uint dst = V4(q.Dst);
        uint src = q.From is null ? 0 : V4(q.From);
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
            // inet_rtm_getroute: ip_proto defaults to UDP, which ipproto rules see.
            Proto = q.IpProto ?? IpProto.Udp,
            SPort = q.SPort ?? 0,
            DPort = q.DPort ?? 0,
            Uid = q.Uid ?? 0,
        };
        t?.Add(ExplainStepKind.Flow, 0, "output lookup (a packet this host sends): " + FlowText(t!, f, true));

        uint saddr = src;
        uint effDst = dst;
        int devOut = -1;
        RouteType type = RouteType.Unspec;
        var cache = CacheFlags.None;
        LookupResult res = default;
        bool uncertain = false;
        string? fallback = null;

        if (src != 0)
        {
            if (IsMulticast4(src) || IsLimitedBroadcast4(src) || IsZeroNet4(src))
                return Fail(q, Errno.EINVAL, RouteErrorReason.MartianSource, t, $"source {q.From} is multicast or broadcast");
            int? owner = DeviceOfLocal(src);
            if (oif < 0 && (IsMulticast4(dst) || IsLimitedBroadcast4(dst)))
            {
                // Multicast and limited broadcast go out of the device owning the source, without a lookup.
                if (owner is null)
                    return Fail(q, Errno.ENETUNREACH, RouteErrorReason.SourceNotLocal, t, $"source {q.From} is not an address of this host");
                devOut = owner.Value;
                f.Oif = devOut;
                fallback = $"destination is multicast or broadcast and a source is given: sent out of {Dev(devOut)}, which owns {q.From}, without a route lookup";
                t?.Add(ExplainStepKind.Fallback, 0, fallback, "by-source");
                goto make_route;
            }
            if (owner is null)
                return Fail(q, Errno.ENETUNREACH, RouteErrorReason.SourceNotLocal, t, $"source {q.From} is not an address of this host");
            t?.Add(new ExplainStep(ExplainStepKind.Check, 0, $"source {q.From} is configured on {Dev(owner.Value)}: allowed (a host may send from any of its addresses)", "ok") { Address = q.From, Dev = Dev(owner.Value) });
        }

        if (oif >= 0)
        {
            var od = _h.Links[oif];
            if (!od.Up)
                return Fail(q, Errno.ENETUNREACH, RouteErrorReason.DeviceDown, t, $"oif {od.Name} is down");
            if (IsLocalMulticast4(dst) || IsLimitedBroadcast4(dst) || f.Proto == IpProto.Igmp)
            {
                if (saddr == 0)
                    saddr = SelectSource(oif, 0, (byte)Scope.Link, t, "source chosen on the oif");
                devOut = oif;
                fallback = "local multicast or limited broadcast with oif: sent out of oif without a route lookup";
                t?.Add(ExplainStepKind.Fallback, 0, fallback, "by-oif");
                goto make_route;
            }
            if (saddr == 0)
            {
                if (IsMulticast4(dst))
                    saddr = SelectSource(oif, 0, (byte)Scope.Global, t, "multicast with oif: source chosen on the oif");
                else if (dst == 0)
                    saddr = SelectSource(oif, 0, (byte)Scope.Host, t, "destination 0.0.0.0 with oif: source chosen on the oif");
            }
        }

        if (dst == 0)
        {
            // ip route get 0.0.0.0: the kernel routes it to the source (or 127.0.0.1) through lo.
            effDst = saddr;
            if (effDst == 0)
                effDst = saddr = Loopback4;
            devOut = _h.LoId;
            type = RouteType.Local;
            cache |= CacheFlags.Local;
            fallback = $"destination 0.0.0.0 means this host: delivered through lo to {ToAddress4(effDst)}";
            t?.Add(ExplainStepKind.Fallback, 0, fallback, "zero-destination");
            goto make_route;
        }

        f.Src = saddr;
        res = _p.Lookup4(f, false, t, 0);
        if (!res.Success)
        {
            if (oif >= 0)
            {
                // "Apparently, routing tables are wrong. Assume, that the destination is on link."
                fallback = $"the lookup failed ({ErrnoText.Message(res.Error!.Value)}) but oif {Dev(oif)} was given: the kernel assumes the destination is on that link";
                t?.Add(ExplainStepKind.Fallback, 0, fallback, "on-link");
                if (saddr == 0)
                    saddr = SelectSource(oif, 0, (byte)Scope.Link, t, "source chosen on the oif");
                type = RouteType.Unicast;
                devOut = oif;
                res = default;
                goto make_route;
            }
            return LookupFailed(q, res, t);
        }

        var e = res.Entry!;
        if (e.Type == RouteType.Local)
        {
            if (saddr == 0)
            {
                saddr = e.HasPrefSrc ? (uint)e.PrefSrc : effDst;
                t?.Add(new ExplainStep(ExplainStepKind.Source, 0,
                    e.HasPrefSrc ? $"source {ToAddress4(saddr)}: the local route's src (for a secondary address, its primary)" : $"source {ToAddress4(saddr)}: the destination itself (the local route has no src)", "route-src") { Address = ToAddress4(saddr) });
            }
            devOut = _h.LoId;
            type = RouteType.Local;
            cache |= CacheFlags.Local;
            t?.Add(new ExplainStep(ExplainStepKind.Nexthop, 0, $"local destination: delivered to this host through lo", "local") { Route = e.Route, Dev = "lo" });
            goto make_route;
        }

        // fib_select_path: ECMP and default-route selection only without oif.
        var nh = res.Nexthop!;
        if (oif < 0 && e.Nexthops.Length > 1)
            nh = SelectMultipath(e, nh, saddr, t, ref uncertain);
        else if (oif < 0 && res.PrefixLength == 0 && e.Type == RouteType.Unicast)
            NoteOtherDefaults(res, t);
        else
            t?.Add(new ExplainStep(ExplainStepKind.Nexthop, 0, oif >= 0 ? $"nexthop {NhText(nh)} (the one on oif {Dev(oif)})" : $"nexthop {NhText(nh)}", "chosen") { Route = e.Route, Dev = nh.Model.Dev });
        res.Nexthop = nh;
        if (saddr == 0)
            saddr = PrefSrc(e, nh, t);
        devOut = nh.DevId;
        type = e.Type;

    make_route:
        // __mkroute_output
        var outDev = devOut >= 0 ? _h.Links[devOut] : null;
        if (IsLoopback4(saddr) && outDev is not null && !outDev.Loopback && !outDev.Conf4.RouteLocalnet)
            return Fail(q, Errno.EINVAL, RouteErrorReason.MartianSource, t, $"source {ToAddress4(saddr)} is a loopback address but the packet would leave {outDev.Name} (route_localnet is off)");
        var fi = res.Entry;
        var fnh = res.Nexthop;
        if (IsLimitedBroadcast4(effDst))
            type = RouteType.Broadcast;
        else if (IsMulticast4(effDst))
            type = RouteType.Multicast;
        else if (IsZeroNet4(effDst))
            return Fail(q, Errno.EINVAL, RouteErrorReason.MartianDestination, t, $"destination {q.Dst} is 0.0.0.0");
        if (outDev is not null && outDev.Loopback)
            cache |= CacheFlags.Local;
        if (type == RouteType.Broadcast)
        {
            cache |= CacheFlags.Broadcast | CacheFlags.Local;
            fi = null;
        }
        else if (type == RouteType.Multicast)
        {
            cache |= CacheFlags.Multicast | CacheFlags.Local;
            // Only the all-hosts group (joined on every device) is known to be joined.
            if (effDst != AllHosts4)
                cache &= ~CacheFlags.Local;
            // "If multicast route do not exist use default one, but do not gateway in this case."
            if (fi is not null && res.PrefixLength < 4)
                fi = null;
        }

        var chosenSrc = saddr != src ? _h.Address4(saddr) : null;
        var d = new RouteDecision(q)
        {
            Type = type == RouteType.Unspec ? RouteType.Unicast : type,
            Dst = q.Dst,
            From = src != 0 ? q.From : null,
            Gateway = fi is not null && fnh is not null && fnh.UsesGateway ? fnh.GatewayIp : null,
            Dev = outDev?.Name ?? fnh?.Model.Dev,
            Table = res.Table?.Id,
            PrefSrc = chosenSrc,
            Source = saddr != 0 ? chosenSrc ?? q.From : null,
            Tos = res.Entry?.Tos ?? 0,
            Mark = f.Mark != 0 ? f.Mark : null,
            Uid = f.Uid,
            Cache = cache,
            Mtu = fi is { HasMetrics: true } ? fi.Route.Mtu : null,
            HopLimit = fi is { HasMetrics: true } ? fi.Route.HopLimit : null,
            Route = res.Entry?.Route,
            Nexthop = fnh?.Model,
            RouteTable = res.Entry?.TableId,
            Rule = res.Rule?.Model,
            MultipathChoiceUncertain = uncertain,
        };
        if (t is not null)
        {
            if (saddr != 0 && outDev is not null && !outDev.Loopback && DeviceOfLocal(saddr) is int owner && owner != outDev.Id)
                t.Add(new ExplainStep(ExplainStepKind.Note, 0,
                    $"{ToAddress4(saddr)} is an address of {Dev(owner)}, but the packet leaves {outDev.Name}: traffic from this address goes out another interface than the one that owns it (asymmetric routing)", "asymmetric")
                { Address = ToAddress4(saddr), Dev = outDev.Name });
            t.Add(new ExplainStep(ExplainStepKind.Result, 0, OutputResultText(d), "ok") { Dev = d.Dev, Address = d.Gateway });
        }
        return d;
    }

    private FibNexthop SelectMultipath(FibEntry e, FibNexthop first, uint saddr, ExplainTrace? t, ref bool uncertain)
    {
        // fib_select_multipath: dead and ignored-linkdown nexthops are out; since 6.16 a nexthop
        // whose own source equals the flow's source is preferred over the hash choice.
        FibNexthop? match = null;
        int alive = 0, matching = 0;
        foreach (var nh in e.Nexthops)
        {
            bool ignored = nh.Dead || (nh.LinkDown && nh.DevId >= 0 && _h.Links[nh.DevId].Conf4.IgnoreRoutesWithLinkdown);
            if (ignored)
            {
                t?.Add(new ExplainStep(ExplainStepKind.Nexthop, 1, $"nexthop {NhText(nh)}: not usable ({(nh.Dead ? "dead" : "linkdown")})", "skipped") { Route = e.Route, Dev = nh.Model.Dev });
                continue;
            }
            alive++;
            if (saddr != 0 && nh.Saddr4 == saddr)
            {
                matching++;
                match ??= nh;
            }
        }
        FibNexthop chosen;
        if (match is not null)
        {
            chosen = match;
            uncertain = matching > 1;
            t?.Add(new ExplainStep(ExplainStepKind.Nexthop, 0, $"multipath route: nexthop {NhText(chosen)} is preferred because its source address is the flow's source {ToAddress4(saddr)} (kernel 6.16+)" + (uncertain ? "; several nexthops share that source, the hash picks among them" : ""), "chosen") { Route = e.Route, Dev = chosen.Model.Dev });
        }
        else
        {
            chosen = first;
            uncertain = alive > 1;
            t?.Add(new ExplainStep(ExplainStepKind.Nexthop, 0, uncertain
                ? $"multipath route with {alive} usable nexthops: the kernel picks one by a flow hash (fib_multipath_hash), which is not reproduced; shown: the first, {NhText(chosen)}"
                : $"multipath route with one usable nexthop: {NhText(chosen)}", uncertain ? "hash" : "chosen") { Route = e.Route, Dev = chosen.Model.Dev });
        }
        return chosen;
    }

    private void NoteOtherDefaults(in LookupResult res, ExplainTrace? t)
    {
        var e = res.Entry!;
        var nh = res.Nexthop!;
        if (t is null)
            return;
        int same = 0;
        var table = res.Table!;
        if (table.TryMatch(0u, 0, out _, out var group))
            foreach (var other in group)
                if (other != e && other.TableId == e.TableId && other.Metric == e.Metric && other.Type == RouteType.Unicast && !other.Dead)
                    same++;
        string text = same == 0
            ? $"nexthop {NhText(nh)}"
            : $"nexthop {NhText(nh)}: {same + 1} default routes share metric {e.Metric}; the kernel keeps the first unless its gateway's neighbour entry is known to be failing (fib_select_default; neighbours are not modelled)";
        t.Add(new ExplainStep(ExplainStepKind.Nexthop, 0, text, "chosen") { Route = e.Route, Dev = nh.Model.Dev });
    }

    /// <summary>fib_result_prefsrc: the route's src, else the nexthop's cached inet_select_addr.</summary>
    private uint PrefSrc(FibEntry e, FibNexthop nh, ExplainTrace? t)
    {
        if (e.HasPrefSrc)
        {
            t?.Add(new ExplainStep(ExplainStepKind.Source, 0, $"source {ToAddress4((uint)e.PrefSrc)}: the route's src", "route-src") { Address = ToAddress4((uint)e.PrefSrc), Route = e.Route });
            return (uint)e.PrefSrc;
        }
        if (nh.DevId < 0)
            return 0;
        if (t is not null)
        {
            t.Add(new ExplainStep(ExplainStepKind.Source, 0,
                $"source {ToAddress4(nh.Saddr4)}: the route has no src, so inet_select_addr on {Dev(nh.DevId)} for {(nh.HasGateway ? "gateway " + nh.GatewayIp : "any destination")} with the route's scope {Ipv4SourceSelection.ScopeName(e.Scope)}:", "select")
            { Address = ToAddress4(nh.Saddr4), Dev = Dev(nh.DevId) });
            Ipv4SourceSelection.Select(_h, nh.DevId, (uint)nh.Gateway, e.Scope, t, 1);
        }
        return nh.Saddr4;
    }

    private uint SelectSource(int dev, uint dst, byte scope, ExplainTrace? t, string why)
    {
        uint a = Ipv4SourceSelection.Select(_h, dev, dst, scope, null, 0);
        if (t is not null)
        {
            t.Add(new ExplainStep(ExplainStepKind.Source, 0, $"source {ToAddress4(a)}: {why} (inet_select_addr on {Dev(dev)}, scope {Ipv4SourceSelection.ScopeName(scope)}):", "select") { Address = ToAddress4(a), Dev = Dev(dev) });
            Ipv4SourceSelection.Select(_h, dev, dst, scope, t, 1);
        }
        return a;
    }

    /// <summary>__ip_dev_find: the device holding a local address, from the address list, then a local-table lookup.</summary>
    public int? DeviceOfLocal(uint addr)
    {
        if (_h.Local4.TryGetValue(addr, out int dev))
            return dev;
        var local = _h.Merged ? _h.MergedMain : _h.Table(Family.Inet, RouteTableId.Local);
        if (local is null)
            return null;
        var f = new Flow { Dst = addr, Oif = -1, Iif = _h.LoId };
        if (_p.Table4(local, f, false, out var e, out var nh, out _, null, 0) == TableOutcome.Found && e!.Type == RouteType.Local && nh!.DevId >= 0)
            return nh.DevId;
        return null;
    }

    // ------------------------------------------------------------------ input

    public RouteResult Input(RouteQuery q, ExplainTrace? t)
    {
        uint dst = V4(q.Dst);
        uint src = q.From is null ? 0 : V4(q.From);
        if (!_h.LinkByName.TryGetValue(q.Iif!, out int iif))
            return Fail(q, Errno.ENODEV, RouteErrorReason.UnknownDevice, t, $"no device {q.Iif}");
        var dev = _h.Links[iif];
        var conf = dev.Conf4;
        byte proto = q.IpProto ?? IpProto.Udp;
        var f = new Flow
        {
            Dst = dst,
            Src = src,
            Iif = iif,
            Oif = -1,
            Mark = q.Mark ?? 0,
            Tos = q.Tos ?? 0,
            // Protocol and ports are dissected from the packet only when some rule needs them.
            Proto = _h.RequireFlowDissect4 ? proto : (byte)0,
            SPort = _h.RequireFlowDissect4 && proto is IpProto.Tcp or IpProto.Udp ? q.SPort ?? 0 : (ushort)0,
            DPort = _h.RequireFlowDissect4 && proto is IpProto.Tcp or IpProto.Udp ? q.DPort ?? 0 : (ushort)0,
            // Received packets are routed as the namespace's root, whatever uid the query names.
            Uid = 0,
        };
        t?.Add(ExplainStepKind.Flow, 0, $"input lookup (a packet received on {dev.Name}): " + FlowText(t!, f, false)
            + (_h.RequireFlowDissect4 ? "" : " (protocol and ports are not dissected: no rule selects on them)"));

        if (IsMulticast4(dst))
            return InputMulticast(q, f, dev, proto, t);

        // Martians (ip_route_input_slow).
        if (IsMulticast4(src) || IsLimitedBroadcast4(src))
            return Fail(q, Errno.EINVAL, RouteErrorReason.MartianSource, t, $"martian source: {q.From} is multicast or broadcast");
        if (IsLimitedBroadcast4(dst) || (src == 0 && dst == 0))
            return BroadcastInput(q, f, dev, null, t);
        if (IsZeroNet4(src))
            return Fail(q, Errno.EINVAL, RouteErrorReason.MartianSource, t, "martian source: no source address (0.0.0.0) is only accepted for broadcasts");
        if (IsZeroNet4(dst))
            return Fail(q, Errno.EINVAL, RouteErrorReason.MartianDestination, t, "martian destination: 0.0.0.0");
        if (IsLoopback4(dst))
        {
            if (!conf.RouteLocalnet)
                return Fail(q, Errno.EINVAL, RouteErrorReason.MartianDestination, t, $"martian destination: {q.Dst} is a loopback address arriving from outside (route_localnet is off on {dev.Name})");
        }
        else if (IsLoopback4(src) && !conf.RouteLocalnet)
        {
            return Fail(q, Errno.EINVAL, RouteErrorReason.MartianSource, t, $"martian source: {q.From} is a loopback address arriving from outside (route_localnet is off on {dev.Name})");
        }
        t?.Add(ExplainStepKind.Check, 0, "no martian source or destination", "ok");

        var res = _p.Lookup4(f, false, t, 0);
        if (!res.Success)
        {
            if (!conf.Forwarding)
            {
                t?.Add(new ExplainStep(ExplainStepKind.Forwarding, 0, $"no route and forwarding is off on {dev.Name}: No route to host", "no-forwarding") { Dev = dev.Name });
                return new RouteError(q, Errno.EHOSTUNREACH, RouteErrorReason.ForwardingDisabled)
                {
                    Rule = res.Rule?.Model, Route = res.Entry?.Route, Table = res.Table?.Id,
                    Detail = $"no route, and forwarding is off on {dev.Name}",
                };
            }
            return LookupFailed(q, res, t);
        }

        var e = res.Entry!;
        if (e.Type == RouteType.Broadcast)
        {
            t?.Add(new ExplainStep(ExplainStepKind.Forwarding, 0, "broadcast route: delivered to this host as a broadcast", "broadcast") { Route = e.Route });
            return BroadcastInput(q, f, dev, res, t);
        }
        if (e.Type == RouteType.Local)
        {
            t?.Add(new ExplainStep(ExplainStepKind.Forwarding, 0, $"local route: {q.Dst} is an address of this host, delivered locally (forwarding is not needed)", "local") { Route = e.Route });
            var (ret, rpr) = ValidateSource(src, dst, f.Tos, -1, iif, q, t);
            if (ret < 0)
                return RejectedSource(q, rpr, t);
            var local = new RouteDecision(q)
            {
                Type = RouteType.Local,
                Dst = q.Dst,
                From = src != 0 ? q.From : null,
                Dev = _h.Links[_h.LoId].Name,
                Table = res.Table?.Id,
                Source = q.From,
                Iif = dev.Name,
                Tos = e.Tos,
                Mark = f.Mark != 0 ? f.Mark : null,
                Uid = q.Uid,
                Cache = CacheFlags.Local,
                Route = e.Route,
                Nexthop = res.Nexthop?.Model,
                RouteTable = e.TableId,
                Rule = res.Rule?.Model,
                ReversePath = rpr,
            };
            t?.Add(new ExplainStep(ExplainStepKind.Result, 0, $"delivered locally: {q.Dst} is an address of this host", "ok") { Dev = "lo" });
            return local;
        }
        if (!conf.Forwarding)
        {
            t?.Add(new ExplainStep(ExplainStepKind.Forwarding, 0, $"{q.Dst} is not local and forwarding is off on {dev.Name}: No route to host", "no-forwarding") { Dev = dev.Name });
            return new RouteError(q, Errno.EHOSTUNREACH, RouteErrorReason.ForwardingDisabled)
            {
                Rule = res.Rule?.Model, Route = e.Route, Table = res.Table?.Id,
                Detail = $"forwarding is off on {dev.Name} (net.ipv4.conf.{dev.Name}.forwarding)",
            };
        }
        if (e.Type != RouteType.Unicast)
            return Fail(q, Errno.EINVAL, RouteErrorReason.MartianDestination, t, $"martian destination: a {PolicyRouting.TypeName(e.Type)} route cannot be forwarded");
        t?.Add(new ExplainStep(ExplainStepKind.Forwarding, 0, $"forwarding is on for {dev.Name}: the packet is forwarded", "forward") { Dev = dev.Name });

        // __mkroute_input: multipath by packet hash, then the reverse-path check against the egress.
        var nh = res.Nexthop!;
        bool uncertain = false;
        if (e.Nexthops.Length > 1)
        {
            int alive = 0;
            foreach (var n in e.Nexthops)
                if (!n.Dead && !(n.LinkDown && n.DevId >= 0 && _h.Links[n.DevId].Conf4.IgnoreRoutesWithLinkdown))
                    alive++;
            uncertain = alive > 1;
            t?.Add(new ExplainStep(ExplainStepKind.Nexthop, 0, uncertain
                ? $"multipath route with {alive} usable nexthops: the kernel picks one by the packet's hash, which is not reproduced; shown: the first, {NhText(nh)}"
                : $"nexthop {NhText(nh)}", uncertain ? "hash" : "chosen") { Route = e.Route, Dev = nh.Model.Dev });
        }
        else
        {
            t?.Add(new ExplainStep(ExplainStepKind.Nexthop, 0, $"nexthop {NhText(nh)}", "chosen") { Route = e.Route, Dev = nh.Model.Dev });
        }
        var (vret, vr) = ValidateSource(src, dst, f.Tos, nh.DevId, iif, q, t);
        if (vret < 0)
            return RejectedSource(q, vr, t);
        var cache = CacheFlags.None;
        if (nh.DevId == iif && vret > 0 && conf.SendRedirects)
        {
            uint gw = nh.HasGateway ? (uint)nh.Gateway : 0;
            if (conf.SharedMedia || OnLink(dev, src, gw))
            {
                cache |= CacheFlags.Redirect;
                t?.Add(ExplainStepKind.Note, 0, $"the packet leaves {dev.Name}, the device it came in on, and the source is on-link: the kernel would send an ICMP redirect (cache <redirect>)", "redirect");
            }
        }
        var d = new RouteDecision(q)
        {
            Type = RouteType.Unicast,
            Dst = q.Dst,
            From = src != 0 ? q.From : null,
            Gateway = nh.UsesGateway ? nh.GatewayIp : null,
            Dev = nh.Model.Dev,
            Table = res.Table?.Id,
            Source = q.From,
            Iif = dev.Name,
            Tos = e.Tos,
            Mark = f.Mark != 0 ? f.Mark : null,
            Uid = q.Uid,
            Cache = cache,
            Mtu = e.HasMetrics ? e.Route.Mtu : null,
            HopLimit = e.HasMetrics ? e.Route.HopLimit : null,
            Route = e.Route,
            Nexthop = nh.Model,
            RouteTable = e.TableId,
            Rule = res.Rule?.Model,
            MultipathChoiceUncertain = uncertain,
            ReversePath = vr,
        };
        t?.Add(new ExplainStep(ExplainStepKind.Result, 0, $"forwarded out of {d.Dev}" + (d.Gateway is null ? " (destination on-link)" : $" via {d.Gateway}"), "ok") { Dev = d.Dev, Address = d.Gateway });
        return d;
    }

    private RouteResult BroadcastInput(RouteQuery q, in Flow f, SimLink dev, LookupResult? res, ExplainTrace? t)
    {
        uint src = (uint)f.Src;
        ReversePathResult? rpr = null;
        if (src != 0)
        {
            var (ret, r) = ValidateSource(src, 0, f.Tos, -1, dev.Id, q, t);
            if (ret < 0)
                return RejectedSource(q, r, t);
            rpr = r;
        }
        else
        {
            t?.Add(ExplainStepKind.ReversePath, 0, "broadcast from 0.0.0.0: no reverse-path check", "skipped");
        }
        var e = res?.Entry;
        t?.Add(new ExplainStep(ExplainStepKind.Result, 0, "delivered locally as a broadcast", "ok") { Dev = "lo" });
        return new RouteDecision(q)
        {
            Type = RouteType.Broadcast,
            Dst = q.Dst,
            From = src != 0 ? q.From : null,
            Dev = _h.Links[_h.LoId].Name,
            Table = res?.Table?.Id,
            Source = src != 0 ? q.From : null,
            Iif = dev.Name,
            Tos = e?.Tos ?? 0,
            Mark = f.Mark != 0 ? f.Mark : null,
            Uid = q.Uid,
            Cache = CacheFlags.Local | CacheFlags.Broadcast,
            Route = e?.Route,
            RouteTable = e?.TableId,
            Rule = res?.Rule?.Model,
            ReversePath = rpr,
        };
    }

    private RouteResult InputMulticast(RouteQuery q, in Flow f, SimLink dev, byte proto, ExplainTrace? t)
    {
        uint dst = (uint)f.Dst, src = (uint)f.Src;
        // ip_check_mc_rcu: only the all-hosts group is known to be joined (on every device).
        bool our = dst == AllHosts4 && dev.Up;
        if (!our)
            return Fail(q, Errno.EINVAL, RouteErrorReason.MulticastNotJoined, t, $"this host has not joined {q.Dst} on {dev.Name} (only 224.0.0.1 is modelled) and multicast forwarding is not modelled");
        // ip_mc_validate_source
        if (IsMulticast4(src) || IsLimitedBroadcast4(src))
            return Fail(q, Errno.EINVAL, RouteErrorReason.MartianSource, t, $"martian source: {q.From} is multicast or broadcast");
        if (IsLoopback4(src) && !dev.Conf4.RouteLocalnet)
            return Fail(q, Errno.EINVAL, RouteErrorReason.MartianSource, t, $"martian source: {q.From} is a loopback address");
        ReversePathResult? rpr = null;
        if (IsZeroNet4(src))
        {
            if (!IsLocalMulticast4(dst) && proto != IpProto.Igmp)
                return Fail(q, Errno.EINVAL, RouteErrorReason.MartianSource, t, "martian source: 0.0.0.0 is only accepted for local multicast and IGMP");
        }
        else
        {
            var (ret, r) = ValidateSource(src, 0, f.Tos, -1, dev.Id, q, t);
            if (ret < 0)
                return RejectedSource(q, r, t);
            rpr = r;
        }
        t?.Add(new ExplainStep(ExplainStepKind.Result, 0, $"multicast {q.Dst}: delivered to this host (the group is joined)", "ok") { Dev = "lo" });
        return new RouteDecision(q)
        {
            Type = RouteType.Multicast,
            Dst = q.Dst,
            From = src != 0 ? q.From : null,
            Dev = _h.Links[_h.LoId].Name,
            Source = src != 0 ? q.From : null,
            Iif = dev.Name,
            Mark = f.Mark != 0 ? f.Mark : null,
            Uid = q.Uid,
            Cache = CacheFlags.Multicast | CacheFlags.Local,
            ReversePath = rpr,
        };
    }

    private static bool OnLink(SimLink dev, uint a, uint b)
    {
        // inet_addr_onlink: some address of the device has a subnet holding a (and b, if given).
        foreach (var ifa in dev.V4)
            if (ifa.Matches(a) && (b == 0 || ifa.Matches(b)))
                return true;
        return false;
    }

    // ------------------------------------------------------------------ reverse path

    /// <summary>
    /// fib_validate_source for a packet from <paramref name="src"/> to <paramref name="dst"/> received on
    /// <paramref name="iif"/>; <paramref name="oif"/> is the forward route's egress device (-1 for
    /// local delivery). Returns &lt;0 to reject, 0 to accept, 1 to accept with the source on-link.
    /// </summary>
    public (int Ret, ReversePathResult Result) ValidateSource(uint src, uint dst, byte tos, int oif, int iif, RouteQuery q, ExplainTrace? t)
    {
        var dev = _h.Links[iif];
        var conf = dev.Conf4;
        int rpf = conf.RpFilter;
        // The packet's addresses, reusing the query's objects (no allocation on the hot path).
        var srcIp = q.From is not null && q.Family == Family.Inet ? q.From : _h.Address4(src);
        var dstIp = dst == 0 ? System.Net.IPAddress.Any : q.Dst.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && V4(q.Dst) == dst ? q.Dst : _h.Address4(dst);
        ReversePathResult Make(bool ok, ReversePathOutcome o) => new(ok, o, rpf, dev.Name, srcIp, dstIp);

        if (rpf == 0 && (iif != oif || !conf.SendRedirects))
        {
            if (conf.AcceptLocal)
            {
                t?.Add(ExplainStepKind.ReversePath, 0, $"reverse-path check: rp_filter is 0 on {dev.Name} and accept_local is on: accepted without a lookup", "accepted");
                return (0, Make(true, ReversePathOutcome.AcceptedAcceptLocal));
            }
            if (!_h.CustomLocalRoutes && _h.Merged)
            {
                if (_h.Local4.ContainsKey(src))
                {
                    t?.Add(ExplainStepKind.ReversePath, 0, $"reverse-path check: rp_filter is 0, but the source {srcIp} is an address of this host and accept_local is off: rejected (Invalid argument)", "rejected");
                    return (-1, Make(false, ReversePathOutcome.RejectedLocalSource));
                }
                t?.Add(ExplainStepKind.ReversePath, 0, $"reverse-path check: rp_filter is 0 on {dev.Name} (max of all and {dev.Name}): accepted without a lookup", "accepted");
                return (0, Make(true, ReversePathOutcome.AcceptedWithoutCheck));
            }
        }

        // __fib_validate_source: look the source up as a destination, from the packet's destination,
        // as if received on the forward egress (lo for local delivery), ports swapped.
        int reverseIif = oif >= 0 ? oif : _h.LoId;
        byte proto = q.IpProto ?? IpProto.Udp;
        bool ports = _h.RequireFlowDissect4 && proto is IpProto.Tcp or IpProto.Udp;
        var rf = new Flow
        {
            Dst = src,
            Src = dst,
            Iif = reverseIif,
            Oif = -1,
            Mark = conf.SrcValidMark ? q.Mark ?? 0 : 0,
            Tos = tos,
            Proto = _h.RequireFlowDissect4 ? proto : (byte)0,
            SPort = ports ? q.DPort ?? 0 : (ushort)0,
            DPort = ports ? q.SPort ?? 0 : (ushort)0,
            Uid = 0,
        };
        string mode = rpf switch { 0 => "off (0), full check because of custom rules or local routes", 1 => "strict (1)", _ => "loose (2)" };
        if (t is not null)
        {
            t.Add(new ExplainStep(ExplainStepKind.ReversePath, 0, $"reverse-path check on {dev.Name}: rp_filter {mode} (the max of all and {dev.Name}); reverse lookup of the source:", "check") { Dev = dev.Name });
            t.Add(ExplainStepKind.Flow, 1, FlowText(t, rf, false) + (conf.SrcValidMark ? " (src_valid_mark: the packet's mark is kept)" : " (mark 0: src_valid_mark is off)"));
            t.Indent += 1;
        }
        var res = _p.Lookup4(rf, false, t, 0);
        if (t is not null) t.Indent -= 1;
        // The result with what the reverse lookup found, made once per check.
        ReversePathResult Checked(bool ok, ReversePathOutcome o, bool onLink = false) => new(ok, o, rpf, dev.Name, srcIp, dstIp)
        {
            Looked = true,
            ReverseIif = _h.Links[reverseIif].Name,
            ReverseMark = rf.Mark,
            ReverseIpProto = rf.Proto,
            ReverseSPort = rf.SPort,
            ReverseDPort = rf.DPort,
            Route = res.Entry?.Route,
            RouteDev = res.Nexthop?.Model.Dev,
            Table = res.Table?.Id,
            Rule = res.Rule?.Model,
            LookupError = res.Error,
            SourceOnLink = onLink,
        };
        if (!res.Success)
        {
            if (rpf != 0)
            {
                t?.Add(ExplainStepKind.ReversePath, 1, $"no route back to {srcIp}: rejected (Invalid argument)", "rejected");
                return (-1, Checked(false, ReversePathOutcome.RejectedNoRoute));
            }
            t?.Add(ExplainStepKind.ReversePath, 1, $"no route back to {srcIp}, but rp_filter is 0: accepted", "accepted");
            return (0, Checked(true, ReversePathOutcome.AcceptedNoFilter));
        }
        var e = res.Entry!;
        if (e.Type != RouteType.Unicast)
        {
            if (e.Type != RouteType.Local)
            {
                t?.Add(ExplainStepKind.ReversePath, 1, $"the route back to {srcIp} is {PolicyRouting.TypeName(e.Type)}: invalid source, rejected (Invalid argument)", "rejected");
                return (-1, Checked(false, ReversePathOutcome.RejectedInvalidSource));
            }
            if (!conf.AcceptLocal)
            {
                t?.Add(ExplainStepKind.ReversePath, 1, $"{srcIp} is an address of this host and accept_local is off: rejected (Invalid argument)", "rejected");
                return (-1, Checked(false, ReversePathOutcome.RejectedLocalSource));
            }
        }
        bool devMatch = false;
        foreach (var n in e.Nexthops)
            if (n.DevId == iif) { devMatch = true; break; }
        devMatch |= e.Type == RouteType.Local && iif == _h.LoId;
        // ret 1 (source on-link) when the route back has a nexthop of host scope or wider.
        int onlink = res.Nexthop is { HostScope: true } ? 1 : 0;
        if (devMatch)
        {
            t?.Add(ExplainStepKind.ReversePath, 1, $"the route back to {srcIp} uses {dev.Name}, the device the packet came in on: accepted", "accepted");
            return (onlink, Checked(true, ReversePathOutcome.AcceptedSameDevice, onlink == 1));
        }
        string via = res.Nexthop?.Model.Dev ?? "?";
        if (dev.V4.Length == 0)
        {
            bool ok = rpf == 0;
            t?.Add(ExplainStepKind.ReversePath, 1, $"{dev.Name} has no IPv4 address: " + (ok ? "accepted (rp_filter 0)" : "rejected (Invalid argument)"), ok ? "accepted" : "rejected");
            return (ok ? 0 : -1, Checked(ok, ok ? ReversePathOutcome.AcceptedNoFilter : ReversePathOutcome.RejectedNoRoute));
        }
        if (rpf == 1)
        {
            t?.Add(ExplainStepKind.ReversePath, 1, $"strict mode: the best route back to {srcIp} leaves {via}, not {dev.Name}: rejected (Invalid argument)", "rejected");
            return (-1, Checked(false, ReversePathOutcome.RejectedStrict));
        }
        // Loose (or off with a full check): a second lookup bound to the input device only decides
        // whether the source is on-link; the packet is accepted.
        var lf = rf;
        lf.Oif = iif;
        var res2 = _p.Lookup4(lf, true, null, 0);
        int ret = res2.Success && res2.Entry!.Type == RouteType.Unicast && res2.Nexthop is { HostScope: true } ? 1 : 0;
        t?.Add(ExplainStepKind.ReversePath, 1, rpf == 2
            ? $"loose mode: a route back to {srcIp} exists (via {via}): accepted"
            : $"the route back to {srcIp} leaves {via}, but rp_filter is 0: accepted", "accepted");
        return (ret, Checked(true, rpf == 2 ? ReversePathOutcome.AcceptedLoose : ReversePathOutcome.AcceptedNoFilter, ret == 1));
    }

    private RouteResult RejectedSource(RouteQuery q, ReversePathResult r, ExplainTrace? t)
    {
        var reason = r.Outcome == ReversePathOutcome.RejectedLocalSource ? RouteErrorReason.LocalSource
            : r.Outcome == ReversePathOutcome.RejectedInvalidSource ? RouteErrorReason.MartianSource
            : RouteErrorReason.ReversePathFilter;
        t?.Add(ExplainStepKind.Result, 0, "dropped by the reverse-path check: RTNETLINK answers: Invalid argument", "error");
        return new RouteError(q, Errno.EINVAL, reason) { ReversePath = r, DetailFromReversePath = true };
    }

    // ------------------------------------------------------------------ helpers

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
                _ => "no rule's table has a route for the destination",
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

    private string Dev(int id) => _p.DevName(id);

    private static string NhText(FibNexthop nh) => nh.GatewayIp is null ? $"dev {nh.Model.Dev}" : $"via {nh.GatewayIp} dev {nh.Model.Dev}";

    private string FlowText(ExplainTrace t, in Flow f, bool output) =>
        FlowDescription.Format(t.Address4((uint)f.Dst), t.Address4((uint)f.Src), Dev(f.Iif), f.Oif >= 0 ? Dev(f.Oif) : null,
            f.Mark, f.Tos, f.Proto, f.SPort, f.DPort, f.Uid, output && f.Proto == IpProto.Udp);

    private static string OutputResultText(RouteDecision d)
    {
        if (d.Type == RouteType.Local && d.Dev == "lo")
            return $"delivered locally through lo (source {d.Source?.ToString() ?? "none"})";
        string s = $"leaves {d.Dev}" + (d.Gateway is null ? " (destination on-link)" : $" via {d.Gateway}");
        return s + $" with source {d.Source?.ToString() ?? "0.0.0.0"}";
    }
}
