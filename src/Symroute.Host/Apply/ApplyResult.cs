using System.Collections.Immutable;
using Symroute.Host.Persistence;

namespace Symroute.Host.Apply;

/// <param name="Error">Why it was rolled back (the step and the kernel's answer), when it was.</param>
/// <param name="Differences">After a failed rollback: how the touched state differs from the journal's.</param>
/// <param name="Persisted">--persist: what was written and backed up.</param>
/// <param name="PermissionDenied">The failure was EPERM/EACCES (not root, no CAP_NET_ADMIN).</param>
public sealed record ApplyResult(
    ApplyResultKind Kind,
    Journal Journal,
    string? Error = null,
    ImmutableArray<string> Differences = default,
    bool PermissionDenied = false,
    PersistResult? Persisted = null);
