using Symroute.Model;
using Symroute.Planning;

namespace Symroute.Checks;

/// <summary>Everything a check may look at: the host state, facts derived from it, simulated reply paths, and the optional inputs only a live host provides.</summary>
public sealed class CheckContext
{
    public HostState State { get; }

    public HostFacts Facts { get; }

    public CheckInputs Inputs { get; }

    /// <summary>Simulated reply paths shared by the checks.</summary>
    public ReplyAnalysis Replies { get; }

    public CheckContext(HostState state, CheckInputs? inputs = null)
    {
        State = state;
        Inputs = inputs ?? new CheckInputs();
        Facts = new HostFacts(state);
        Replies = new ReplyAnalysis(this);
    }

    /// <summary>The host's network configuration (from files under <c>--root</c>); null when none was read.</summary>
    public NetworkConfig? Config => Inputs.Config;

    /// <summary>The backend managing an interface, when network configuration was read.</summary>
    public string? BackendOf(string dev) => Config?.For(dev)?.Backend.ToName();

    /// <summary>
    /// Whether the interface has a gateway for the family: a route through a gateway on it in any
    /// table, or one its configuration declares (a second <c>gateway</c> line that ifupdown never
    /// installed, a DHCP lease's router).
    /// </summary>
    public bool HasGateway(InterfaceFacts iface, Family family) =>
        iface.HasGateway(family) || DeclaredGateway(iface.Name, family) is not null;

    /// <summary>A gateway the configuration declares for the interface, as words for evidence; null when none.</summary>
    public string? DeclaredGateway(string dev, Family family)
    {
        if (Config is null) return null;
        foreach (var i in Config.Interfaces.Where(i => i.Matches(dev)))
        {
            foreach (var r in i.Routes)
                if (r.Gateway is not null && (r.Family ?? family) == family)
                    return $"{r.Gateway} (declared in {r.Origin})";
            if (i.Dhcp)
                return $"its DHCP lease's router ({i.Origin})";
        }
        return null;
    }

    /// <summary>A value computed once per context (<paramref name="key"/> names it), e.g. a search over a full table that several findings share.</summary>
    public T Cached<T>(object key, Func<T> compute) where T : class
    {
        lock (_cache)
        {
            if (_cache.TryGetValue(key, out var v)) return (T)v;
            var value = compute();
            _cache[key] = value;
            return value;
        }
    }

    private readonly Dictionary<object, object> _cache = [];

    /// <summary>The command line that produces the fix with <paramref name="strategy"/>.</summary>
    public string PlanCommand(Strategy strategy) =>
        $"symroute plan --strategy {StrategyNames.Format(strategy)}{(Inputs.PlanArguments.Length > 0 ? " " + Inputs.PlanArguments : "")}";
}
