namespace Symroute.Tests.Differential;

/// <summary>A configuration step and whether the kernel accepted it (<see cref="Error"/> null).</summary>
public sealed record StepOutcome(ConfigStep Step, string? Error)
{
    public override string ToString() => Error is null ? Step.ToShell() : $"{Step.ToShell()}    # rejected: {Error}";
}
