using Symroute.Backends;
using Symroute.Host.Native;
using Symroute.Host.Netlink.Wire;
using Symroute.Model;

namespace Symroute.Host.Netlink;

/// <summary>
/// Changes routes and rules of the calling thread's network namespace over rtnetlink (no <c>ip</c>
/// binary): RTM_NEWROUTE / RTM_DELROUTE / RTM_NEWRULE / RTM_DELRULE, each acknowledged by the kernel.
/// A refusal is a <see cref="NetlinkException"/> whose message says what was being done and what
/// the kernel answered, as <c>ip</c> words it ("RTNETLINK answers: Network is unreachable").
/// </summary>
public sealed class RtnlWriter : IDisposable
{
    private const int EEXIST = 17;
    private const int ESRCH = 3;
    private const int ENOENT = 2;

    private readonly NetlinkSocket _socket;

    private RtnlWriter(NetlinkSocket socket) => _socket = socket;

    /// <summary>Opens a NETLINK_ROUTE socket in the calling thread's namespace.</summary>
    public static RtnlWriter Open() => new(NetlinkSocket.Open());

    public void AddRoute(Route route) => Check(Send(RouteEncoder.Encode(route, add: true, IfIndex), "route"), "adding route", IpCommand.RouteArgs(route));

    public void DeleteRoute(Route route) => Check(Send(RouteEncoder.Encode(route, add: false, IfIndex), "route"), "deleting route", IpCommand.RouteArgs(route));

    public void AddRule(Rule rule) => Check(Send(RuleEncoder.Encode(rule, add: true), "rule"), "adding rule", IpCommand.RuleArgs(rule));

    public void DeleteRule(Rule rule) => Check(Send(RuleEncoder.Encode(rule, add: false), "rule"), "deleting rule", IpCommand.RuleArgs(rule));

    /// <summary>Adds the route unless it is there already (EEXIST): undoing a deletion twice is harmless.</summary>
    /// <returns>False when it already existed.</returns>
    public bool EnsureRoute(Route route) => Tolerate(() => AddRoute(route), EEXIST);

    /// <summary>Deletes the route if it is there (ESRCH: already gone).</summary>
    public bool EnsureNoRoute(Route route) => Tolerate(() => DeleteRoute(route), ESRCH, ENOENT);

    public bool EnsureRule(Rule rule) => Tolerate(() => AddRule(rule), EEXIST);

    /// <summary>Deletes the rule if it is there (fib_nl_delrule answers ENOENT when no rule matches).</summary>
    public bool EnsureNoRule(Rule rule) => Tolerate(() => DeleteRule(rule), ENOENT, ESRCH);

    private static bool Tolerate(Action action, params int[] errnos)
    {
        try
        {
            action();
            return true;
        }
        catch (NetlinkException e) when (errnos.Contains(e.Errno))
        {
            return false;
        }
    }

    private (int Errno, string? ExtAck) Send(byte[] request, string what)
    {
        int errno = _socket.Request(request, what, out var extack);
        return (errno, extack);
    }

    private static void Check((int Errno, string? ExtAck) answer, string doing, string what)
    {
        if (answer.Errno == 0)
            return;
        string text = $"{doing} '{what}': RTNETLINK answers: {LibC.StrError(answer.Errno)}";
        if (!string.IsNullOrEmpty(answer.ExtAck))
            text += $" ({answer.ExtAck})";
        throw new NetlinkException(text, answer.Errno);
    }

    /// <summary>The device's current ifindex; a device that is gone (renamed, unplugged, deleted mid-apply) is ENODEV.</summary>
    private static int IfIndex(string dev)
    {
        uint index = LibC.IfNameToIndex(dev);
        if (index == 0)
            throw new NetlinkException($"device {dev}: {LibC.StrError(LibC.ENODEV)} (it is gone)", LibC.ENODEV);
        return (int)index;
    }

    public void Dispose() => _socket.Dispose();
}
