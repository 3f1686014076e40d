namespace Symroute.Checks;

/// <summary>The stable lower-case names of <see cref="Severity"/> used in every output format.</summary>
public static class SeverityNames
{
    public static string ToName(this Severity severity) => severity switch
    {
        Severity.Critical => "critical",
        Severity.Warning => "warning",
        _ => "info",
    };
}
