using System.Collections.Immutable;

namespace Symroute.Host.Apply;

/// <param name="Restored">True when the touched state read back equals the journal's before-state exactly.</param>
/// <param name="Errors">Undo steps that failed (the kernel's answers).</param>
/// <param name="Differences">How the touched state still differs from the journal's (<c>- before</c>, <c>+ now</c>).</param>
/// <param name="Files">Configuration files restored from the backup.</param>
public sealed record RevertResult(
    bool Restored,
    Journal Journal,
    ImmutableArray<string> Errors,
    ImmutableArray<string> Differences,
    ImmutableArray<string> Files);
