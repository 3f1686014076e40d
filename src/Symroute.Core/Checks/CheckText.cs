using Symroute.Model;
using Symroute.Output;

namespace Symroute.Checks;

/// <summary>Rules and routes in <c>ip</c>'s words on one line, as findings quote them.</summary>
internal static class CheckText
{
    /// <summary><c>32765: from 10.10.20.50 lookup 100</c> (ip rule show, with a space after the priority).</summary>
    public static string Rule(Rule r, TableNames names) => RuleText.Format(r, names).Replace(":\t", ": ");

    /// <summary>The rule without its priority: <c>from 10.10.20.50 lookup 100</c>.</summary>
    public static string RuleBody(Rule r, TableNames names)
    {
        var text = RuleText.Format(r, names);
        return text[(text.IndexOf(":\t", StringComparison.Ordinal) + 2)..];
    }

    public static string Route(Route r, TableNames names, bool withTable = true) => RouteText.Format(r, names, withTable);
}
