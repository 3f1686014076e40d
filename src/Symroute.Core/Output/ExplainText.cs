using System.Text;
using Symroute.Model;
using Symroute.Simulation;

namespace Symroute.Output;

/// <summary>
/// <c>--explain</c> as text: numbered steps, details indented under them, rules printed as
/// <c>ip rule show</c> prints them and routes as <c>ip route show</c> does.
/// </summary>
public static class ExplainText
{
    public static string Format(ExplainTrace trace, HostState state)
    {
        var names = state.TableNames;
        var devices = new HashSet<string>(state.Links.Select(l => l.Name), StringComparer.Ordinal);
        var prio4 = new HashSet<uint>(state.Rules.Where(r => r.Family == Family.Inet).Select(r => r.Priority));
        var prio6 = new HashSet<uint>(state.Rules.Where(r => r.Family == Family.Inet6).Select(r => r.Priority));
        var sb = new StringBuilder();
        sb.Append("Explanation:\n");
        int n = 0;
        foreach (var s in trace.Steps)
        {
            string indent;
            if (s.Depth == 0)
            {
                n++;
                string num = n.ToString(System.Globalization.CultureInfo.InvariantCulture) + ". ";
                sb.Append(num.PadLeft(4));
                indent = "    ";
            }
            else
            {
                indent = new string(' ', 4 + 4 * s.Depth);
                sb.Append(indent);
            }
            switch (s.Kind)
            {
                case ExplainStepKind.Rule when s.Rule is not null:
                    sb.Append(RuleText.Format(s.Rule, names, devices, s.Rule.Family == Family.Inet ? prio4 : prio6).Replace('\t', ' '));
                    sb.Append('\n').Append(indent).Append("  ").Append(s.Text).Append('\n');
                    break;
                case ExplainStepKind.Route when s.Route is not null:
                    sb.Append(RouteText.Format(s.Route, names, s.Route.Table != s.Table)).Append('\n');
                    sb.Append(indent).Append("  ").Append(s.Text).Append('\n');
                    break;
                case ExplainStepKind.Table when s.Route is not null:
                    sb.Append(s.Text).Append('\n');
                    sb.Append(indent).Append("  ").Append(RouteText.Format(s.Route, names, s.Route.Table != s.Table)).Append('\n');
                    break;
                default:
                    sb.Append(s.Text).Append('\n');
                    break;
            }
        }
        return sb.ToString();
    }
}
