namespace Symroute.Planning;

/// <summary>The kebab-case names of <see cref="Strategy"/> used on the command line and in JSON.</summary>
public static class StrategyNames
{
    public static IReadOnlyList<string> All { get; } = ["source-rules", "main-first", "connmark", "loose-rp-filter", "one-gateway"];

    public static string Format(Strategy s) => s switch
    {
        Strategy.SourceRules => "source-rules",
        Strategy.MainFirst => "main-first",
        Strategy.Connmark => "connmark",
        Strategy.LooseRpFilter => "loose-rp-filter",
        Strategy.OneGateway => "one-gateway",
        _ => throw new ArgumentOutOfRangeException(nameof(s)),
    };

    public static bool TryParse(string text, out Strategy strategy)
    {
        for (int i = 0; i < All.Count; i++)
        {
            if (All[i] == text)
            {
                strategy = (Strategy)i;
                return true;
            }
        }
        strategy = default;
        return false;
    }
}
