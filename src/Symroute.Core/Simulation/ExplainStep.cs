using System.Net;
using Symroute.Model;

namespace Symroute.Simulation;

/// <summary>
/// One step of an explanation. <see cref="Text"/> is a plain sentence; <see cref="Rule"/>,
/// <see cref="Route"/> and <see cref="Table"/> are the objects it is about (renderers print them as
/// <c>ip rule</c> / <c>ip route</c> lines). <see cref="Depth"/> nests details under a step.
/// </summary>
/// <param name="Outcome">Stable machine-readable code: match, no-match, goto, nop, unresolved, reject,
/// missing, no-route, throw, found, suppressed, skipped, chosen, accepted, rejected, …</param>
public sealed record ExplainStep(ExplainStepKind Kind, int Depth, string Text, string? Outcome = null)
{
    public Rule? Rule { get; init; }

    public uint? Table { get; init; }

    public Route? Route { get; init; }

    public IPAddress? Address { get; init; }

    public string? Dev { get; init; }
}
