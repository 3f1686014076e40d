using Symroute.Model;

namespace Symroute.Sources;

/// <summary>What <c>ip rule</c> leaves unsaid and the kernel knows.</summary>
internal static class RuleDefaults
{
    /// <summary>
    /// The protocol of a rule whose <c>proto</c> iproute2 did not print (it hides 0 and kernel):
    /// kernel for the default rules fib_default_rules_init / fib6_rules_net_init create, else 0.
    /// A default rule deleted and re-added by hand really has 0; text cannot tell.
    /// </summary>
    public static byte UnprintedProtocol(Rule r) => IsDefaultShape(r) ? RouteProtocol.Kernel : RouteProtocol.Unspec;

    public static bool IsDefaultShape(Rule r)
    {
        bool table = (r.Priority, r.Table, r.Family) switch
        {
            (0, RouteTableId.Local, _) => true,
            (32766, RouteTableId.Main, _) => true,
            (32767, RouteTableId.Default, Family.Inet) => true,
            _ => false,
        };
        return table && r.Action == RuleAction.Lookup
            && r == new Rule(r.Family, r.Priority, RuleAction.Lookup, r.Table, Protocol: r.Protocol);
    }
}
