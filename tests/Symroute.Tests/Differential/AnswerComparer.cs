using System.Collections.Immutable;
using System.Net;
using Symroute.Model;

namespace Symroute.Tests.Differential;

/// <summary>
/// Compares a simulator answer with the kernel's on type, dst, from, gateway, dev, prefsrc,
/// table, iif and error message. A different nexthop of a multipath entry is accepted when the
/// kernel's choice came from its flow hash (IPv4: no oif, and no nexthop whose cached source is
/// the flow's source, which fib_select_multipath prefers since 6.16; IPv6: any sibling a strict
/// lookup would not reject).
/// </summary>
public static class AnswerComparer
{
    private static readonly ImmutableHashSet<string> NexthopFields = ["gateway", "dev", "prefsrc"];

    public static ImmutableArray<string> DifferingFields(RouteAnswer kernel, RouteAnswer sim)
    {
        var b = ImmutableArray.CreateBuilder<string>();
        if (kernel.IsError || sim.IsError)
        {
            if (kernel.Error != sim.Error) b.Add("error");
            return b.ToImmutable();
        }
        foreach (var f in RouteAnswer.FieldNames)
            if (f != "error" && kernel.Field(f) != sim.Field(f)) b.Add(f);
        return b.ToImmutable();
    }

    public static Comparison Compare(DiffQuery q, KernelAnswer kernel, RouteAnswer sim, IReadOnlyList<KernelAddress> addrs)
    {
        var diff = DifferingFields(kernel.Answer, sim);
        if (diff.IsEmpty) return new Comparison(Verdict.Agree, diff);
        if (IsHashedEcmpChoice(q, kernel, sim, addrs, diff)) return new Comparison(Verdict.EcmpAgree, diff);
        var known = KnownDifferences.Find(q, kernel, sim, diff);
        if (known is not null) return new Comparison(Verdict.Known, diff, known.Name);
        return new Comparison(Verdict.Disagree, diff);
    }

    /// <summary>The nexthops of the matched entry the kernel may legitimately pick for this flow.</summary>
    public static IReadOnlyList<FibNexthop> AcceptableNexthops(DiffQuery q, FibEntry fib, IReadOnlyList<KernelAddress> addrs)
    {
        var alive = fib.Nexthops.Where(n => !n.IsDead).ToList();
        if (q.Family == Family.Inet6)
        {
            // fib6_select_path keeps the hashed sibling unless rt6_score_route rejects it: only a
            // strict lookup (oif without source, or a link-local/multicast/loopback destination,
            // scored against oif or iif) rejects siblings on other devices.
            string? dev = q.Oif ?? q.Iif;
            bool strict = (q.Oif is not null && (q.From is null || q.From.Equals(IPAddress.IPv6Any)))
                || q.Dst.IsIPv6LinkLocal || q.Dst.IsIPv6Multicast || IPAddress.IsLoopback(q.Dst);
            return strict && dev is not null ? alive.Where(n => n.Dev == dev).ToList() : alive;
        }
        if (q.From is null || q.From.Equals(IPAddress.Any)) return alive;
        int scope = fib.Scope switch { null => 0, "link" => 253, "host" => 254, "site" => 200, _ => 0 };
        var preferred = alive.Where(n => n.Dev is not null
            && q.From.Equals(NexthopSource.Select(addrs, n.Dev, n.Gateway is null ? null : IPAddress.Parse(n.Gateway), scope))).ToList();
        return preferred.Count > 0 ? preferred : alive;
    }

    private static bool IsHashedEcmpChoice(DiffQuery q, KernelAnswer kernel, RouteAnswer sim, IReadOnlyList<KernelAddress> addrs, ImmutableArray<string> diff)
    {
        var k = kernel.Answer;
        // IPv4 picks no path when an oif is given (fib_select_path); IPv6 hashes siblings regardless.
        if ((q.Oif is not null && q.Family == Family.Inet) || k.IsError || sim.IsError || kernel.Fib is not { IsMultipath: true } fib) return false;
        if (!diff.All(NexthopFields.Contains)) return false;
        // Same nexthop as the kernel: then prefsrc must agree too, no excuse.
        if (k.Gateway == sim.Gateway && k.Dev == sim.Dev) return false;
        var ok = AcceptableNexthops(q, fib, addrs);
        // The kernel's own choice must be among them, or the model of the choice is wrong.
        // A gateway may be absent from an answer although the nexthop has one (multicast
        // destinations, gateways not of link scope): then it must be absent from both.
        bool gatewayHidden = k.Gateway is null;
        if (!ok.Any(n => n.Dev == k.Dev && (n.Gateway == k.Gateway || gatewayHidden))) return false;
        return ok.Any(n => n.Dev == sim.Dev && (n.Gateway == sim.Gateway || (gatewayHidden && sim.Gateway is null)));
    }
}
