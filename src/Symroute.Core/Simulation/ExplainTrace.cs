namespace Symroute.Simulation;

/// <summary>
/// Collects the steps of one decision when passed to a <see cref="Simulator"/> method. Passing
/// null instead costs nothing: the simulator builds no step and no string then.
/// </summary>
public sealed class ExplainTrace
{
    private readonly List<ExplainStep> _steps = new();

    /// <summary>Added to the depth of every step while a nested walk (the reverse-path lookup) runs.</summary>
    internal int Indent { get; set; }

    public IReadOnlyList<ExplainStep> Steps => _steps;

    public void Add(ExplainStep step) =>
        _steps.Add(Indent == 0 ? step : step with { Depth = step.Depth + Indent });

    internal void Add(ExplainStepKind kind, int depth, string text, string? outcome = null) =>
        Add(new ExplainStep(kind, depth, text, outcome));
}
