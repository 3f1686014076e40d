using System.Collections.Immutable;
using Symroute.Planning;

namespace Symroute.Host.Apply;

/// <summary>
/// The record of one apply, written before the host is touched: the steps in order (each with what
/// undoes it), the touched state before as exact lines, and where the apply stands.
/// </summary>
/// <param name="Id">UTC timestamp id (<c>20261125T160102Z-4242</c>).</param>
/// <param name="Pid">The applying process (the watchdog reverts when it dies during the steps).</param>
/// <param name="Deadline">--try: when the trial is reverted unless confirmed.</param>
/// <param name="WatchdogPid">--try: the detached watchdog process.</param>
/// <param name="BackupDir">--persist: where the replaced configuration files were backed up (absolute).</param>
/// <param name="Before">The touched state before the apply (<see cref="TouchedState.Describe"/>): what revert must restore.</param>
/// <param name="Message">The last error, when the state is Failed or RolledBack.</param>
public sealed record Journal(
    string Id,
    JournalState State,
    int Pid,
    DateTimeOffset CreatedAt,
    string Strategy,
    ImmutableArray<ApplyStep> Steps,
    ImmutableArray<string> Before,
    DateTimeOffset? Deadline = null,
    int? WatchdogPid = null,
    string? BackupDir = null,
    string? Message = null)
{
    public TouchedState Touched => TouchedState.Of(Steps);
}
