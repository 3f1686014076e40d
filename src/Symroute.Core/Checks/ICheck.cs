namespace Symroute.Checks;

/// <summary>One check: looks at the host (and, where it needs to, simulates lookups) and reports findings under one stable code.</summary>
public interface ICheck
{
    /// <summary>The stable kebab-case code of every finding this check reports.</summary>
    string Code { get; }

    /// <summary>Why the check cannot run on this input (e.g. no firewall ruleset in a snapshot), or null when it can.</summary>
    string? CannotRun(CheckContext context) => null;

    IEnumerable<Finding> Run(CheckContext context);
}
