namespace Symroute.Checks;

/// <summary>A check that did not run because its input was not available, and why.</summary>
public sealed record SkippedCheck(string Code, string Reason);
