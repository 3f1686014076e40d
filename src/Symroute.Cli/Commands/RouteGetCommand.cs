using Symroute.Model;
using Symroute.Output;
using Symroute.Simulation;
using Symroute.Sources;

namespace Symroute.Cli.Commands;

/// <summary><c>symroute route get</c>: <c>ip route get</c> answered by the simulator, with --explain and --batch.</summary>
internal static class RouteGetCommand
{
    public const string Help = """
        Usage: symroute route get [-4|-6] [--json] [--explain] [--snapshot FILE] [--batch FILE|-]
                                  [to] ADDRESS [from ADDRESS] [iif DEV] [oif|dev DEV] [mark N]
                                  [tos TOS] [ipproto PROTO] [sport N] [dport N] [uid N] [connected] [notify]

        Answers as 'ip route get' would on the host (or snapshot): the same words, the same
        text, and with --json the same object 'ip -json route get' prints. Keywords may be
        abbreviated as ip allows; tos takes rt_dsfield names or hex; mark, uid and ports take
        decimal, 0x-hex or octal; ipproto a name or number.

        Options:
          -4, -6            address family when ADDRESS does not say (e.g. 'default')
          -j, --json        print what 'ip -json route get' prints
          --explain         also print every step: rules tried, tables consulted, the nexthop,
                            the source address, the forwarding and reverse-path decisions
                            (with --json: one object with the query, route and steps)
          --snapshot FILE   read host state from a snapshot ('-' = stdin) instead of this host
          --batch FILE|-    one query per line (an optional leading 'route get' is allowed);
                            prints one line per query, in order: the JSON object ip would print
                            (without the enclosing array), or {"error":"MESSAGE"} with the
                            message ip prints ('Network is unreachable', 'Cannot find device
                            "X"', a syntax error, ...). Blank lines and lines starting with '#'
                            are skipped and produce no output line.

        Exit status: 0 answered (--batch: every line answered, errors included); 1 bad
        arguments or unknown device (ip: 'Cannot find device "X"'); 2 the lookup failed
        ('RTNETLINK answers: MESSAGE' on stderr, as ip); 3 the host state could not be read.

        Not reproduced: the ECMP hash (the first usable nexthop is shown), neighbour state,
        VRFs, IPsec, multicast groups other than 224.0.0.1. Without a 'uid', output lookups
        use uid 0 (ip run as root).
        """;

    public static int Run(ReadOnlySpan<string> args, TextReader stdin, TextWriter stdout, TextWriter stderr) =>
        Run(args, stdin, stdout, stderr, StateLoader.Load);

    /// <summary>Runs with a given state loader (tests pass one that returns a built state).</summary>
    internal static int Run(ReadOnlySpan<string> args, TextReader stdin, TextWriter stdout, TextWriter stderr, Func<string?, TextReader, HostState> load)
    {
        Family? family = null;
        bool json = false, explain = false;
        string? snapshot = null, batch = null;
        var words = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            switch (a)
            {
                case "-h" or "--help" or "help" when words.Count == 0:
                    stdout.WriteLine(Help);
                    return ExitCode.Ok;
                case "-4": family = Family.Inet; break;
                case "-6": family = Family.Inet6; break;
                case "-j" or "--json" or "-json": json = true; break;
                case "--explain": explain = true; break;
                case "--snapshot" or "--batch":
                    if (i + 1 >= args.Length)
                        return Usage(stderr, $"{a} needs an argument");
                    if (a == "--snapshot") snapshot = args[++i]; else batch = args[++i];
                    break;
                default:
                    if (a.StartsWith("--", StringComparison.Ordinal) && words.Count == 0)
                        return Usage(stderr, $"unknown option '{a}'");
                    words.Add(a);
                    break;
            }
        }
        if (batch is not null)
        {
            if (words.Count > 0)
                return Usage(stderr, "--batch takes its queries from the file, not the command line");
            if (explain)
                return Usage(stderr, "--explain cannot be combined with --batch");
            if (batch == "-" && snapshot == "-")
                return Usage(stderr, "--batch - and --snapshot - cannot both read stdin");
            return Batch(load(snapshot, stdin), family, batch, stdin, stdout, stderr);
        }

        if (!RouteGetSyntax.TryParse(words, family, out var request, out var error))
        {
            stderr.WriteLine(error);
            return ExitCode.Warning;
        }
        foreach (var w in request.Warnings)
            stderr.WriteLine(w);
        var host = load(snapshot, stdin);
        var sim = new Simulator(host);
        if (RouteGetAnswers.DeviceError(sim, request.Query) is string nodev)
        {
            stderr.WriteLine(nodev);
            return ExitCode.Warning;
        }
        var trace = explain ? new ExplainTrace() : null;
        var result = RouteGetAnswers.Ask(sim, request, request.Query, trace);
        if (result is RouteDecision first && request.Connected && first.Source is not null)
        {
            // ip route get … connected: print the answer, then ask again from its source through its device.
            if (!explain)
                stdout.Write(json ? RouteGetJson.Format(first, host.TableNames) : RouteGetText.Format(first, host.TableNames));
            result = RouteGetAnswers.Ask(sim, request, request.Query with { From = first.Source, Oif = first.Dev, Iif = null }, trace);
        }
        if (explain && json)
        {
            stdout.Write(ExplainJson.Format(result, trace!, host));
            if (result is RouteError ej)
                stderr.WriteLine(RouteGetText.FormatError(ej));
            return result is RouteError ? ExitCode.Critical : ExitCode.Ok;
        }
        switch (result)
        {
            case RouteDecision d:
                stdout.Write(json ? RouteGetJson.Format(d, host.TableNames) : RouteGetText.Format(d, host.TableNames));
                if (explain)
                    stdout.Write("\n" + ExplainText.Format(trace!, host));
                return ExitCode.Ok;
            case RouteError e:
                stderr.WriteLine(RouteGetText.FormatError(e));
                if (explain)
                    stdout.Write(ExplainText.Format(trace!, host));
                return ExitCode.Critical;
            default:
                throw new InvalidOperationException("unexpected result");
        }
    }

    private static int Batch(HostState state, Family? family, string batch, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        // The process's own stdout and stdin are used as byte streams; other writers and readers
        // (tests) as text.
        var raw = ReferenceEquals(stdout, Console.Out) ? Console.OpenStandardOutput() : null;
        var answers = new RouteGetBatch(new Simulator(state), state.TableNames, family, raw, stdout, stderr);
        if (batch == "-")
        {
            if (ReferenceEquals(stdin, Console.In))
                answers.Run(Console.OpenStandardInput());
            else
                answers.Run(stdin);
            return ExitCode.Ok;
        }
        FileStream input;
        try
        {
            input = new FileStream(batch, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{batch}: {e.Message}", e);
        }
        using (input)
            answers.Run(input);
        return ExitCode.Ok;
    }

    private static int Usage(TextWriter stderr, string message)
    {
        stderr.WriteLine($"symroute route get: {message} (see 'symroute route get --help')");
        return ExitCode.Warning;
    }
}
