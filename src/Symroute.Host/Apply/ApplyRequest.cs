using System.Collections.Immutable;
using Symroute.Backends;
using Symroute.Model;
using Symroute.Planning;

namespace Symroute.Host.Apply;

/// <summary>What one apply does: the host as read (under the lock), the plan, its steps.</summary>
/// <param name="TrySeconds">--try: revert unless confirmed within this many seconds.</param>
/// <param name="SpawnWatchdog">--try: starts the detached watchdog for the journal under the root; returns its pid.</param>
/// <param name="Files">--persist: the backend's files, written (ConfigPersister: atomically, all or nothing, originals backed up under ROOT/var/lib/symroute/backup/ID) once the runtime change is verified.</param>
/// <param name="FaultAtStep">Test hook: fail before this step (1-based), as if the kernel refused it.</param>
public sealed record ApplyRequest(
    string Root,
    HostState Before,
    Plan Plan,
    ImmutableArray<ApplyStep> Steps,
    int? TrySeconds = null,
    Func<string, int>? SpawnWatchdog = null,
    ImmutableArray<RenderedFile> Files = default,
    int? FaultAtStep = null);
