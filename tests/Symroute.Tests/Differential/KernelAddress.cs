using System.Net;
using System.Text.Json;

namespace Symroute.Tests.Differential;

/// <summary>An IPv4 address as <c>ip -json -4 addr show</c> lists it, in the kernel's order.</summary>
public sealed record KernelAddress(int IfIndex, string Dev, IPAddress Local, IPAddress Address, int PrefixLength, int Scope, bool Secondary)
{
    /// <summary>Parses <c>ip -json -4 addr show</c>.</summary>
    public static IReadOnlyList<KernelAddress> ParseJson(string json)
    {
        var list = new List<KernelAddress>();
        using var doc = JsonDocument.Parse(json);
        foreach (var link in doc.RootElement.EnumerateArray())
        {
            int index = link.GetProperty("ifindex").GetInt32();
            string dev = link.GetProperty("ifname").GetString()!;
            if (!link.TryGetProperty("addr_info", out var infos)) continue;
            foreach (var a in infos.EnumerateArray())
            {
                if (!a.TryGetProperty("family", out var fam) || fam.GetString() != "inet" || !a.TryGetProperty("local", out var loc)) continue;
                var local = IPAddress.Parse(loc.GetString()!);
                var address = a.TryGetProperty("address", out var peer) ? IPAddress.Parse(peer.GetString()!) : local;
                int scope = a.GetProperty("scope").GetString() switch
                {
                    "global" => 0,
                    "site" => 200,
                    "link" => 253,
                    "host" => 254,
                    "nowhere" => 255,
                    var s => int.Parse(s!, System.Globalization.CultureInfo.InvariantCulture),
                };
                bool secondary = a.TryGetProperty("secondary", out var sec) && sec.ValueKind == JsonValueKind.True;
                list.Add(new KernelAddress(index, dev, local, address, a.GetProperty("prefixlen").GetInt32(), scope, secondary));
            }
        }
        return list;
    }
}
