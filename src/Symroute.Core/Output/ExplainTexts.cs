using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Symroute.Model;

namespace Symroute.Output;

/// <summary>
/// The <c>ip rule</c> / <c>ip route</c> text of the rules and routes explanations print, made once
/// per <see cref="HostState"/> and kept while the state lives: every explanation of a host prints
/// the same rules and mostly the same routes, and formatting them was most of an explanation's cost.
/// Thread-safe (explanations of one state may be rendered in parallel).
/// </summary>
internal sealed class ExplainTexts
{
    private static readonly ConditionalWeakTable<HostState, ExplainTexts> ByState = new();

    private readonly HostState _state;
    private readonly HashSet<string> _devices;
    private readonly HashSet<uint> _priorities4;
    private readonly HashSet<uint> _priorities6;
    // Keyed by reference: records hash every field, and the objects are the state's own.
    private readonly ConcurrentDictionary<Rule, string> _ruleText = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<Rule, string> _ruleJson = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<Route, string> _routeWithTable = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<Route, string> _routeWithoutTable = new(ReferenceEqualityComparer.Instance);

    private ExplainTexts(HostState state)
    {
        _state = state;
        _devices = new HashSet<string>(state.Links.Select(l => l.Name), StringComparer.Ordinal);
        _priorities4 = new HashSet<uint>(state.Rules.Where(r => r.Family == Family.Inet).Select(r => r.Priority));
        _priorities6 = new HashSet<uint>(state.Rules.Where(r => r.Family == Family.Inet6).Select(r => r.Priority));
    }

    public static ExplainTexts For(HostState state) => ByState.GetValue(state, s => new ExplainTexts(s));

    public TableNames Names => _state.TableNames;

    /// <summary>Device names of the state, to mark rules' devices <c>[detached]</c>.</summary>
    public ISet<string> Devices => _devices;

    /// <summary>Rule priorities of a family, to mark a goto <c>[unresolved]</c>.</summary>
    public ISet<uint> Priorities(Family family) => family == Family.Inet ? _priorities4 : _priorities6;

    /// <summary>The rule as the text explanation prints it (<c>PRIO: SELECTORS ACTION</c>, tabs as spaces).</summary>
    public string Rule(Rule r) =>
        _ruleText.GetOrAdd(r, static (r, t) => RuleText.Format(r, t.Names, t._devices, t.Priorities(r.Family)).Replace('\t', ' '), this);

    /// <summary>The rule as <c>--explain --json</c> prints it (<c>PRIO: SELECTORS ACTION</c>).</summary>
    public string RuleJson(Rule r) =>
        _ruleJson.GetOrAdd(r, static (r, t) => RuleText.Format(r, t.Names, t._devices, t.Priorities(r.Family)).Replace(":\t", ": "), this);

    /// <summary><see cref="RouteText.Format"/> of a route of the state.</summary>
    public string Route(Route r, bool showTable) => showTable
        ? _routeWithTable.GetOrAdd(r, static (r, t) => RouteText.Format(r, t.Names, true), this)
        : _routeWithoutTable.GetOrAdd(r, static (r, t) => RouteText.Format(r, t.Names, false), this);
}
