namespace Symroute.Checks;

/// <summary>One step of an explain trace as the report carries it (the simulator's ExplainStep, as data).</summary>
/// <param name="Kind">What the step is: <c>flow</c>, <c>rule</c>, <c>table</c>, <c>route</c>, <c>nexthop</c>, <c>source</c>, <c>reverse-path</c>, <c>result</c>, …</param>
/// <param name="Depth">Nesting under the previous steps (details of a step, the reverse-path lookup's own walk).</param>
/// <param name="Text">The step in words, as <c>route get --explain</c> prints it.</param>
/// <param name="Outcome">Stable machine-readable outcome (match, no-match, found, chosen, rejected, …), when the step has one.</param>
public sealed record TraceStep(string Kind, int Depth, string Text, string? Outcome = null);
