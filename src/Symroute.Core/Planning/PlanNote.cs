namespace Symroute.Planning;

/// <summary>One sentence the administrator must read with the plan (a caveat, a limit of a backend, a choice made).</summary>
public sealed record PlanNote(PlanNoteLevel Level, string Text);
