using System.Collections.Immutable;
using System.Globalization;
using Symroute.Model;

namespace Symroute.Host.Netlink;

/// <summary>The devices of one dump, by ifindex: names for RTA_OIF / IFA index lookups, and link order.</summary>
internal sealed class LinkTable
{
    private readonly Dictionary<int, string> _names = [];
    private readonly Dictionary<int, int> _position = [];
    private readonly Dictionary<int, string> _unknown = [];

    public LinkTable(ImmutableArray<LinkInfo> links)
    {
        Links = links;
        for (int i = 0; i < links.Length; i++)
        {
            _names[links[i].Index] = links[i].Name;
            _position[links[i].Index] = i;
        }
    }

    public ImmutableArray<LinkInfo> Links { get; }

    public bool Contains(int ifindex) => _names.ContainsKey(ifindex);

    /// <summary>Position in ifindex order; int.MaxValue for an index not in the dump.</summary>
    public int Position(int ifindex) => _position.TryGetValue(ifindex, out int p) ? p : int.MaxValue;

    /// <summary>The device name, as iproute2's ll_index_to_name: <c>ifN</c> when no such device (null for 0).</summary>
    public string? Name(int ifindex)
    {
        if (ifindex == 0)
            return null;
        if (_names.TryGetValue(ifindex, out var name))
            return name;
        if (!_unknown.TryGetValue(ifindex, out name))
            _unknown[ifindex] = name = "if" + ((uint)ifindex).ToString(CultureInfo.InvariantCulture);
        return name;
    }
}
