using System.Collections.Immutable;
using Symroute.Planning;

namespace Symroute.Backends;

/// <summary>What a renderer produced for one backend.</summary>
/// <param name="Files">Files to write under the root directory (only with <c>--write</c>).</param>
/// <param name="Commands">Commands to run afterwards so the backend takes them up (nmcli, netplan generate, sysctl --system, …).</param>
/// <param name="Notes">What the backend cannot express, and what to do about it.</param>
/// <param name="Runtime">The runtime script and batches (runtime backend only).</param>
public sealed record Rendering(
    Backend Backend,
    ImmutableArray<RenderedFile> Files,
    ImmutableArray<string> Commands,
    ImmutableArray<PlanNote> Notes,
    RuntimeScript? Runtime = null);
