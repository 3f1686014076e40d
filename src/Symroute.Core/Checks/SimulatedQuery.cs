using System.Collections.Immutable;

namespace Symroute.Checks;

/// <summary>A lookup the check simulated, in <c>symroute route get</c> words, with its outcome and explain trace.</summary>
/// <param name="Command">The query as <c>symroute route get</c> arguments, e.g. <c>203.0.113.10 from 10.10.20.50</c>; running it with <c>--explain</c> reproduces the trace.</param>
/// <param name="Result">The answer as <c>ip route get</c> prints it (first line), or <c>error: MESSAGE</c>.</param>
/// <param name="Trace">The decision, step by step: each rule tried, each table consulted, the nexthop, the source, the reverse-path check.</param>
public sealed record SimulatedQuery(string Command, string Result, ImmutableArray<TraceStep> Trace);
