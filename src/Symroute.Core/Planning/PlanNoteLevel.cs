namespace Symroute.Planning;

/// <summary>How much a plan note matters to the reader.</summary>
public enum PlanNoteLevel
{
    Info,
    Warning,
}
