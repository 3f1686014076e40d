using System.Collections.Immutable;

namespace Symroute.Host.Apply;

/// <param name="Error">Why it was rolled back (the step and the kernel's answer), when it was.</param>
/// <param name="Differences">After a failed rollback: how the touched state differs from the journal's.</param>
/// <param name="PermissionDenied">The failure was EPERM/EACCES (not root, no CAP_NET_ADMIN).</param>
public sealed record ApplyResult(
    ApplyResultKind Kind,
    Journal Journal,
    string? Error = null,
    ImmutableArray<string> Differences = default,
    bool PermissionDenied = false);
