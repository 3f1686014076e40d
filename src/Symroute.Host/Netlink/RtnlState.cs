using System.Collections.Immutable;
using Symroute.Model;

namespace Symroute.Host.Netlink;

/// <summary>What the rtnetlink dumps give: links, addresses, routes and rules of one network namespace.</summary>
public sealed record RtnlState(
    ImmutableArray<LinkInfo> Links,
    ImmutableArray<InterfaceAddress> Addresses,
    ImmutableArray<Route> Routes,
    ImmutableArray<Rule> Rules);
