namespace Symroute.Tests.Differential;

/// <summary>
/// Everything one configuration produced: its commands as run (rejections marked), the query
/// cases, a harness failure if the simulator could not answer at all, and the kernel's view of
/// the namespace (only kept when something disagreed, for the report).
/// </summary>
public sealed record ConfigResult(
    DiffConfig Config,
    IReadOnlyList<StepOutcome> Outcomes,
    IReadOnlyList<QueryCase> Cases,
    string? Failure,
    string? KernelState)
{
    /// <summary>Time spent building the namespaces, asking the kernel, asking the simulator.</summary>
    public PhaseTimes Timing { get; init; } = new(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);

    public bool HasProblem => Failure is not null || Cases.Any(c => c.Comparison.Verdict == Verdict.Disagree);

    public string Described => $"# seed {Config.Seed}\n" + string.Join('\n', Outcomes.Select(o => o.ToString()));
}
