using System.Globalization;
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
        var texts = ExplainTexts.For(state);
        var sb = new StringBuilder(256 + 160 * trace.Steps.Count);
        sb.Append("Explanation:\n");
        int n = 0;
        foreach (var s in trace.Steps)
        {
            int indent;
            if (s.Depth == 0)
            {
                n++;
                // "%2d. ": the number right-aligned in a field of 4 with its dot and space.
                if (n < 10) sb.Append(' ');
                sb.Append(CultureInfo.InvariantCulture, $"{n}. ");
                indent = 4;
            }
            else
            {
                indent = 4 + 4 * s.Depth;
                sb.Append(' ', indent);
            }
            switch (s.Kind)
            {
                case ExplainStepKind.Rule when s.Rule is not null:
                    sb.Append(texts.Rule(s.Rule));
                    sb.Append('\n').Append(' ', indent).Append("  ").Append(s.Text).Append('\n');
                    break;
                case ExplainStepKind.Route when s.Route is not null:
                    sb.Append(texts.Route(s.Route, s.Route.Table != s.Table)).Append('\n');
                    sb.Append(' ', indent).Append("  ").Append(s.Text).Append('\n');
                    break;
                case ExplainStepKind.Table when s.Route is not null:
                    sb.Append(s.Text).Append('\n');
                    sb.Append(' ', indent).Append("  ").Append(texts.Route(s.Route, s.Route.Table != s.Table)).Append('\n');
                    break;
                default:
                    sb.Append(s.Text).Append('\n');
                    break;
            }
        }
        return sb.ToString();
    }
}
