using System.Collections.Immutable;

namespace Symroute.Tests.Differential;

/// <summary>The outcome of comparing one answer pair: the verdict, the differing fields, the known-difference rule applied.</summary>
public sealed record Comparison(Verdict Verdict, ImmutableArray<string> Fields, string? Rule = null);
