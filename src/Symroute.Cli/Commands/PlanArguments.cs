using System.Collections.Immutable;
using System.Net;
using Symroute.Backends;
using Symroute.Model;
using Symroute.Planning;
using Symroute.Sources;

namespace Symroute.Cli.Commands;

/// <summary>
/// The options <c>plan</c> and <c>apply</c> share: the strategy, the backend, the interfaces to
/// plan for, and the gateways and networks the state does not show. One parser, so that both
/// verbs accept and refuse the same words with the same messages.
/// </summary>
internal sealed class PlanArguments(string verb)
{
    private readonly ImmutableArray<string>.Builder _interfaces = ImmutableArray.CreateBuilder<string>();
    private readonly ImmutableArray<KeyValuePair<string, IPAddress>>.Builder _gateways = ImmutableArray.CreateBuilder<KeyValuePair<string, IPAddress>>();
    private readonly ImmutableArray<KeyValuePair<string, IpPrefix>>.Builder _reach = ImmutableArray.CreateBuilder<KeyValuePair<string, IpPrefix>>();

    public Strategy? Strategy { get; private set; }

    /// <summary>Null: auto (what manages each interface).</summary>
    public Backend? Backend { get; private set; }

    public IReadOnlyList<string> Interfaces => _interfaces;

    /// <summary>Every device named by --interface, --gateway and --reach.</summary>
    public IEnumerable<string> Devices => _interfaces.Concat(_gateways.Select(g => g.Key)).Concat(_reach.Select(r => r.Key));

    public PlanOptions Options => new(Strategy, _interfaces.ToImmutable(), _gateways.ToImmutable(), _reach.ToImmutable());

    /// <summary>Takes <paramref name="option"/> (and its value, from <paramref name="value"/>) when it is one of these; false otherwise.</summary>
    public bool TryTake(string option, Func<string> value)
    {
        switch (option)
        {
            case "--strategy":
                var s = value();
                if (!StrategyNames.TryParse(s, out var st))
                    throw new InputException($"{verb}: unknown strategy '{s}' ({string.Join(", ", StrategyNames.All)})");
                Strategy = st;
                return true;
            case "--backend":
                var b = value();
                if (b == "auto") Backend = null;
                else if (BackendNames.TryParse(b, out var be)) Backend = be;
                else throw new InputException($"{verb}: unknown backend '{b}' (auto, {string.Join(", ", BackendNames.All)})");
                return true;
            case "--interface" or "-i":
                foreach (var dev in value().Split(',', StringSplitOptions.RemoveEmptyEntries)) _interfaces.Add(dev);
                return true;
            case "--gateway":
                var (gdev, gtext) = Pair(option, value());
                if (!IPAddress.TryParse(gtext, out var gw))
                    throw new InputException($"{verb}: --gateway {gdev}={gtext}: not an address");
                _gateways.Add(new(gdev, gw));
                return true;
            case "--reach":
                var (rdev, rtext) = Pair(option, value());
                if (!IpPrefix.TryParse(rtext, null, out var prefix))
                    throw new InputException($"{verb}: --reach {rdev}={rtext}: not a prefix");
                _reach.Add(new(rdev, prefix.Value));
                return true;
            default:
                return false;
        }
    }

    private (string Dev, string Value) Pair(string option, string text)
    {
        int eq = text.IndexOf('=');
        if (eq <= 0 || eq == text.Length - 1)
            throw new InputException($"{verb}: {option} takes IF=VALUE, not '{text}'");
        return (text[..eq], text[(eq + 1)..]);
    }
}
