using Symroute.Model;

namespace Symroute.Simulation;

/// <summary>inet_select_addr (net/ipv4/devinet.c): the IPv4 source address the kernel picks for a device.</summary>
internal static class Ipv4SourceSelection
{
    /// <summary>
    /// Walks the device's primary addresses in list order, skipping those with a scope wider than
    /// <paramref name="scope"/> allows; the first one whose subnet holds <paramref name="dst"/> (or the
    /// first at all when dst is 0) wins, else the first qualifying one. If the device has none, the
    /// first primary of scope ≤ <paramref name="scope"/> and not link scope on any device in ifindex
    /// order. 0 when nothing qualifies. VRFs are not modelled.
    /// </summary>
    public static uint Select(HostIndex h, int devId, uint dst, byte scope, ExplainTrace? trace, int depth)
    {
        var dev = h.Links[devId];
        // route_localnet lets host-scope (127/8) addresses count as link scope.
        byte localnetScope = dev.Conf4.RouteLocalnet ? (byte)Scope.Link : (byte)Scope.Host;
        uint addr = 0;
        SimAddress4? chosen = null;
        foreach (var a in dev.V4)
        {
            if (a.Secondary)
            {
                trace?.Add(Step(depth, a, "skipped: secondary addresses are never selected"));
                continue;
            }
            if (Math.Min(a.Scope, localnetScope) > scope)
            {
                trace?.Add(Step(depth, a, $"skipped: scope {ScopeName(a.Scope)} is narrower than the route's scope {ScopeName(scope)}"));
                continue;
            }
            if (dst == 0 || a.Matches(dst))
            {
                trace?.Add(Step(depth, a, dst == 0 ? "chosen: first qualifying primary address" : $"chosen: its subnet /{a.PrefixLength} holds {AddressBits.ToAddress4(dst)}"));
                return a.Local;
            }
            if (addr == 0)
            {
                addr = a.Local;
                chosen = a;
                trace?.Add(Step(depth, a, $"candidate: first qualifying primary, but its subnet does not hold {AddressBits.ToAddress4(dst)}"));
            }
        }
        if (addr != 0)
        {
            trace?.Add(Step(depth, chosen!, "chosen: no primary address of the device is in the gateway's subnet, so the first qualifying one"));
            return addr;
        }
        // Not on this device: the first global-enough primary of any device (lo is first; its 127.0.0.1
        // is host scope and only qualifies for host-scope requests).
        foreach (var other in h.Links)
        {
            foreach (var a in other.V4)
            {
                if (a.Secondary)
                    continue;
                if (a.Scope != (byte)Scope.Link && a.Scope <= scope)
                {
                    trace?.Add(Step(depth, a, $"chosen: {dev.Name} has no qualifying address, so the first primary of scope ≤ {ScopeName(scope)} on any device ({other.Name})"));
                    return a.Local;
                }
            }
        }
        trace?.Add(new ExplainStep(ExplainStepKind.Source, depth, "no address qualifies on any device: source 0.0.0.0", "none") { Dev = dev.Name });
        return 0;
    }

    private static ExplainStep Step(int depth, SimAddress4 a, string text) =>
        new(ExplainStepKind.Source, depth, $"{a.Ip}/{a.PrefixLength} on {a.Model.Dev}: {text}", text[..text.IndexOf(':')])
        { Address = a.Ip, Dev = a.Model.Dev };

    internal static string ScopeName(byte scope) => scope switch
    {
        0 => "global",
        200 => "site",
        253 => "link",
        254 => "host",
        255 => "nowhere",
        _ => scope.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
