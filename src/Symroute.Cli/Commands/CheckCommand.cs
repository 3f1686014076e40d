using System.Text;
using Symroute.Checks;
using Symroute.Model;
using Symroute.Output;
using Symroute.Sources;

namespace Symroute.Cli.Commands;

/// <summary><c>symroute check</c>: read the host (or a snapshot, or a bundled demo), run every check, print the report, exit 0/1/2 (3 when it could not check).</summary>
public static class CheckCommand
{
    public const string Help = """
        Usage: symroute check [--snapshot FILE | --demo NAME] [--root DIR] [--json]
                              [--format text|json|nagios|prometheus] [--color auto|always|never]

        Simulates the reply path of every local address and the inbound reverse-path check, and
        reports asymmetric routing and everything around it, with the evidence and the fix.

        Options:
          --snapshot FILE   read the state from a snapshot (symroute snapshot) instead of this host
          --demo NAME       run on a snapshot bundled in the binary: {0}
          --root DIR        read network configuration files (netplan, NetworkManager, networkd,
                            ifupdown, network-scripts) under DIR; default / for the live host,
                            none for a snapshot
          --json            same as --format json
          --format F        text (default), json, nagios (one status line with perfdata),
                            prometheus (node_exporter textfile format)
          --color WHEN      colour the text report: auto (default: only on a terminal, never
                            with NO_COLOR set), always, never

        Exit status: 0 nothing of warning or worse, 1 warnings, 2 critical findings,
        3 could not check (bad input, no permission).
        """;

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CheckEnvironment env)
    {
        string? snapshot = null, demo = null, root = null;
        ReportFormat format = ReportFormat.Text;
        ColorMode? color = null;
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            string Value()
            {
                if (i + 1 >= args.Count) throw new InputException($"check: option {a} needs a value");
                return args[++i];
            }
            switch (a)
            {
                case "-h" or "--help":
                    stdout.WriteLine(string.Format(System.Globalization.CultureInfo.InvariantCulture, Help, string.Join(", ", DemoSnapshots.Names)));
                    return ExitCode.Ok;
                case "--snapshot": snapshot = Value(); break;
                case "--demo": demo = Value(); break;
                case "--root": root = Value(); break;
                case "--json": format = ReportFormat.Json; break;
                case "--format":
                    format = Value() switch
                    {
                        "text" => ReportFormat.Text,
                        "json" => ReportFormat.Json,
                        "nagios" => ReportFormat.Nagios,
                        "prometheus" => ReportFormat.Prometheus,
                        var f => throw new InputException($"check: unknown format '{f}' (text, json, nagios, prometheus)"),
                    };
                    break;
                case "--color" or "--colour":
                    var c = Value();
                    if (!ColorDecision.TryParse(c, out var mode))
                        throw new InputException($"check: --color takes auto, always or never, not '{c}'");
                    color = mode;
                    break;
                default:
                    if (a.StartsWith("--color=", StringComparison.Ordinal) && ColorDecision.TryParse(a[8..], out var m2)) { color = m2; break; }
                    throw new InputException($"check: unknown argument '{a}' (see 'symroute check --help')");
            }
        }
        if (snapshot is not null && demo is not null)
            throw new InputException("check: --snapshot and --demo cannot be combined");

        try
        {
            var report = Check(snapshot, demo, root, env);
            Render(report, format, color, stdout, env);
            return report.ExitStatus;
        }
        catch (Exception e) when (format == ReportFormat.Nagios && e is InputException or IOException or UnauthorizedAccessException)
        {
            stdout.WriteLine(CheckNagiosWriter.Unknown(e.Message));
            throw;
        }
    }

    public static CheckReport Check(string? snapshot, string? demo, string? root, CheckEnvironment env)
    {
        HostState state;
        string source;
        var inputs = new CheckInputs();
        if (demo is not null || snapshot is not null)
        {
            state = demo is not null ? DemoSnapshots.Load(demo) : env.ReadSnapshot(snapshot!);
            source = demo is not null ? $"demo {demo}" : $"snapshot {snapshot}";
            inputs = inputs with
            {
                PlanArguments = snapshot is not null ? $"--snapshot {snapshot}" : "",
                FirewallUnavailable = "this snapshot holds no firewall rules",
                SocketsUnavailable = "listening sockets are only read on the live host",
                ConfigUnavailable = "no configuration files for a snapshot; add --root DIR to check them",
            };
        }
        else
        {
            state = env.ReadHost();
            source = "this host (netlink)";
            root ??= "/";
            var (firewall, why) = env.ReadFirewall();
            state = state with { Firewall = firewall };
            inputs = inputs with { FirewallUnavailable = why, Sockets = env.ReadSockets() };
        }
        if (root is not null)
        {
            try
            {
                inputs = inputs with { Config = env.ReadConfig(root), ConfigUnavailable = null };
            }
            catch (Exception e) when (e is InputException or IOException or UnauthorizedAccessException)
            {
                // A configuration file symroute cannot read must not hide the routing findings.
                inputs = inputs with { ConfigUnavailable = $"could not read the network configuration: {e.Message}" };
            }
            if (root != "/")
                inputs = inputs with { PlanArguments = (inputs.PlanArguments + $" --root {root}").Trim() };
        }
        var context = new CheckContext(state, inputs);
        return CheckRunner.Default.Run(context, source);
    }

    public static void Render(CheckReport report, ReportFormat format, ColorMode? color, TextWriter stdout, CheckEnvironment env)
    {
        switch (format)
        {
            case ReportFormat.Json:
                stdout.Write(CheckJsonWriter.ToJson(report));
                break;
            case ReportFormat.Nagios:
                CheckNagiosWriter.Write(stdout, report);
                break;
            case ReportFormat.Prometheus:
                CheckPrometheusWriter.Write(stdout, report);
                break;
            default:
                bool on = ColorDecision.Decide(color, json: false, env.StdoutIsTerminal, env.GetVariable("NO_COLOR"), env.GetVariable("TERM"));
                CheckTextWriter.Write(stdout, report, on);
                break;
        }
    }
}
