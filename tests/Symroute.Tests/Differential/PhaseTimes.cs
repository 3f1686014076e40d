namespace Symroute.Tests.Differential;

/// <summary>Wall-clock time of the three phases of one configuration.</summary>
public sealed record PhaseTimes(TimeSpan Build, TimeSpan Kernel, TimeSpan Simulator);
