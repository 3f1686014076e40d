using Symroute.Tests.Lab;

namespace Symroute.Tests.Differential;

/// <summary>
/// Asks the real kernel: one <c>ip -force -json -batch -</c> process per namespace answers every
/// query twice, plainly and with <c>fibmatch</c> (the matched FIB entry, for ECMP). Failed lines
/// print nothing on stdout; their messages on stderr end with <c>Command failed -:N</c>.
/// </summary>
public static class KernelOracle
{
    public static IReadOnlyList<KernelAnswer> Ask(Netns ns, IReadOnlyList<DiffQuery> queries)
    {
        var lines = new List<string>(queries.Count * 2);
        foreach (var q in queries) lines.Add("route get " + q.ToArgs());
        foreach (var q in queries) lines.Add("route get fibmatch " + q.ToArgs());
        var r = Netns.RunRaw(string.Join('\n', lines) + "\n", "ip", "-n", ns.Name, "-force", "-json", "-batch", "-");
        var errors = BatchErrors.Parse(r.Stderr);
        var outLines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        int expected = lines.Count - errors.Count;
        if (outLines.Length != expected)
            throw new InvalidOperationException(
                $"ip -batch printed {outLines.Length} answers for {expected} successful commands; stderr:\n{r.Stderr}");
        var answers = new RouteAnswer?[lines.Count];
        int o = 0;
        for (int i = 0; i < lines.Count; i++)
            answers[i] = errors.TryGetValue(i + 1, out var err)
                ? RouteAnswer.FromError(BatchErrors.ErrorMessage(err))
                : RouteAnswer.Parse(outLines[o++]);
        var result = new List<KernelAnswer>(queries.Count);
        for (int i = 0; i < queries.Count; i++)
        {
            var fib = answers[queries.Count + i]!;
            result.Add(new KernelAnswer(answers[i]!, fib.IsError ? null : FibEntry.Parse(fib.Raw)));
        }
        return result;
    }
}
