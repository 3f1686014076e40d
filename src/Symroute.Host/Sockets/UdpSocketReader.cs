using System.Collections.Immutable;
using Symroute.Model;
using Symroute.Sources;

namespace Symroute.Host.Sockets;

/// <summary>Reads the bound UDP sockets of the current network namespace from <c>/proc/net/udp</c> and <c>/proc/net/udp6</c>.</summary>
public static class UdpSocketReader
{
    public static ImmutableArray<ListeningSocket> Read()
    {
        var result = ImmutableArray.CreateBuilder<ListeningSocket>();
        foreach (var (file, v6) in new[] { ("/proc/net/udp", false), ("/proc/net/udp6", true) })
            if (File.Exists(file))
                result.AddRange(ProcNetUdpParser.Parse(File.ReadAllText(file), file, v6));
        return result.ToImmutable();
    }
}
