using Symroute.Tests.Lab;

namespace Symroute.Tests.Differential;

/// <summary>
/// Asks the simulator: <c>symroute route get --batch -</c> run inside the namespace, reading its
/// state over netlink, one answer line per query line.
/// </summary>
public static class SimulatorOracle
{
    public static IReadOnlyList<RouteAnswer> Ask(Netns ns, IReadOnlyList<DiffQuery> queries)
    {
        string input = string.Join('\n', queries.Select(q => q.ToArgs())) + "\n";
        var r = SymrouteProcess.Run(ns, input, "route", "get", "--batch", "-");
        var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length != queries.Count)
            throw new InvalidOperationException(
                $"symroute route get --batch exited {r.Status} with {lines.Length} answers for {queries.Count} queries; stderr:\n{Trim(r.Stderr)}");
        return [.. lines.Select(RouteAnswer.Parse)];
    }

    private static string Trim(string s) => s.Length > 4000 ? s[..4000] + "…" : s;
}
