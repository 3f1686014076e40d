using System.Collections.Immutable;

namespace Symroute.Model;

/// <summary>A rule that sets or copies packet or connection marks (the connmark strategy's building blocks).</summary>
/// <param name="Hooks">Netfilter hooks the chain is reached from.</param>
/// <param name="Iif">Input interface matched, if any (<see cref="IifNot"/> negates it).</param>
/// <param name="Value">Mark value for <see cref="MarkRuleKind.SetConnmark"/> and <see cref="MarkRuleKind.SetMark"/>; for a
/// <see cref="MarkRuleKind.RestoreMark"/> that applies only to connections carrying one mark (<c>ct mark and MASK == V meta mark set … V</c>), V.</param>
/// <param name="NewOnly">The rule matches only new connections (<c>ct state new</c>).</param>
public sealed record MarkRule(
    MarkRuleKind Kind,
    string Family,
    string Table,
    string Chain,
    ImmutableArray<string> Hooks,
    string Text,
    string? Iif = null,
    bool IifNot = false,
    uint? Value = null,
    bool NewOnly = false);
