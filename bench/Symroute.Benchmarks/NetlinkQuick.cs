using System.Diagnostics;
using Symroute.Host;
using Symroute.Host.Netlink;

namespace Symroute.Benchmarks;

/// <summary><c>quick-netlink NETNS</c>: times reading the namespace's whole state over rtnetlink (links, addresses, routes of all tables, rules).</summary>
public static class NetlinkQuick
{
    public static void Run(string netns)
    {
        for (int round = 0; round < 3; round++)
        {
            GC.Collect();
            var wall = Stopwatch.StartNew();
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var state = NetnsScope.Run(netns, RtnlReader.Read);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
            Console.WriteLine($"netlink read of {netns}: {state.Routes.Length} routes, {state.Links.Length} links in {wall.Elapsed.TotalMilliseconds:F0} ms wall, {cpu.TotalMilliseconds:F0} ms process CPU");
        }
    }
}
