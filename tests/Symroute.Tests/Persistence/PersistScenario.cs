using System.Runtime.Versioning;
using System.Collections.Immutable;
using Symroute.Backends;
using Symroute.Model;
using Symroute.Planning;
using Symroute.Tests.Planning;

namespace Symroute.Tests.Persistence;

/// <summary>
/// S1 rendered for one backend onto a root that already holds what such a host has: the
/// administrator's NetworkManager keyfiles (rewritten whole by the renderer), an administrator's
/// network-scripts route-eth1 (extended), and an older symroute rt_tables.d file (replaced).
/// </summary>
[SupportedOSPlatform("linux")]
public sealed record PersistScenario(HostState Host, BackendContext Context, Rendering Rendering, ImmutableDictionary<string, (string Contents, UnixFileMode Mode)> Seeded)
{
    public const string OldTables = "# Routing tables symroute allocated, one per interface (ip route show table symroute-IF).\n" +
        "# Written by symroute (strategy source-rules); regenerate with `symroute plan --write` rather than editing.\n1001\tsymroute-eth9\n";
    public const string AdminRoute = "# the administrator's own route\n10.99.0.0/16 via 10.10.20.254 dev eth1\n";

    public static PersistScenario S1(Backend backend)
    {
        var host = ScenarioHosts.Get("S1");
        var context = BackendContexts.For(backend, host);
        var seeded = ImmutableDictionary.CreateBuilder<string, (string, UnixFileMode)>();
        seeded[CommonFiles.TablesPath] = (OldTables, RenderedFile.Mode0644);
        if (backend == Backend.NetworkManager)
            foreach (var i in context.Interfaces.Where(i => i.Path is not null && i.Contents is not null))
                seeded[i.Path!] = (i.Contents!, RenderedFile.Mode0600);
        if (backend == Backend.NetworkScripts)
        {
            string route = NetworkScriptsRenderer.Dir + "route-eth1";
            context = context with { Files = ImmutableDictionary<string, string>.Empty.Add(route, AdminRoute) };
            seeded[route] = (AdminRoute, RenderedFile.Mode0644);
        }
        var plan = Planner.Create(host, new PlanOptions());
        var rendering = Renderers.Render(backend, plan, host, context);
        return new PersistScenario(host, context, rendering, seeded.ToImmutable());
    }

    public void Seed(TempTree t)
    {
        foreach (var (path, (contents, mode)) in Seeded)
            t.Seed(path, contents, mode);
    }
}
