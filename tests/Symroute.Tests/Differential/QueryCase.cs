namespace Symroute.Tests.Differential;

/// <summary>One query with both answers and their comparison.</summary>
public sealed record QueryCase(DiffQuery Query, KernelAnswer Kernel, RouteAnswer Simulator, Comparison Comparison);
