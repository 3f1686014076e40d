using System.Collections.Immutable;
using System.Net;
using Symroute.Model;

namespace Symroute.Planning;

/// <summary>What the administrator asked for.</summary>
/// <param name="Strategy">Null: chosen from the host.</param>
/// <param name="Interfaces">Restrict the plan to these interfaces (empty: all).</param>
/// <param name="Gateways">Gateways given on the command line (<c>--gateway eth1=10.10.20.1</c>), for interfaces whose gateway the state does not show.</param>
/// <param name="Reach">one-gateway: networks the interface losing its default route must still reach (<c>--reach eth1=10.50.0.0/16</c>).</param>
public sealed record PlanOptions(
    Strategy? Strategy = null,
    ImmutableArray<string> Interfaces = default,
    ImmutableArray<KeyValuePair<string, IPAddress>> Gateways = default,
    ImmutableArray<KeyValuePair<string, IpPrefix>> Reach = default)
{
    public bool Selects(string dev) => Interfaces.IsDefaultOrEmpty || Interfaces.Contains(dev);

    /// <summary>The gateway given for <paramref name="dev"/> in <paramref name="family"/>, if any.</summary>
    public IPAddress? GatewayFor(string dev, Family family)
    {
        if (Gateways.IsDefault)
            return null;
        foreach (var (d, a) in Gateways)
            if (d == dev && new IpPrefix(a, 0).Family == family)
                return a;
        return null;
    }
}
