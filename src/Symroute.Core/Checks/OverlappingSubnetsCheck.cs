using System.Collections.Immutable;

namespace Symroute.Checks;

/// <summary>
/// <c>overlapping-subnets</c> (critical): one address range on two different segments. Every
/// locally originated packet to that range matches one connected route, so one of the two
/// networks is unreachable for it; source rules cannot help because the socket's first lookup has
/// no source. Only separate routing domains (a VRF or a network namespace) can hold both.
/// </summary>
public sealed class OverlappingSubnetsCheck : ICheck
{
    public string Code => "overlapping-subnets";

    public IEnumerable<Finding> Run(CheckContext context)
    {
        foreach (var o in SubnetOverlap.Find(context.Facts).Where(o => o.DifferentSegments))
        {
            var sa = o.FirstAddress.Subnet;
            var sb = o.SecondAddress.Subnet;
            string range = sa.Length <= sb.Length ? sb.ToString() : sa.ToString();
            var evidence = ImmutableArray.Create(
                Evidence.Fact($"{o.First.Name} has {o.FirstAddress.Local}/{o.FirstAddress.PrefixLength} ({sa})"),
                Evidence.Fact($"{o.Second.Name} has {o.SecondAddress.Local}/{o.SecondAddress.PrefixLength} ({sb})"),
                Evidence.Fact($"two segments: {o.Reason}"));
            var builder = evidence.ToBuilder();
            var peer = Probes.OnLinkPeer(sa.Length >= sb.Length ? sa : sb, a => context.Facts.IsLocal(a));
            if (peer is not null && context.Replies.Lookup(peer, null) is { } q)
                builder.Add(q);
            yield return new Finding(Code, Severity.Critical,
                new FindingSubject(Interface: o.Second.Name, Address: o.SecondAddress.Local),
                $"{o.First.Name} and {o.Second.Name} are on different networks that use the same addresses ({range}): the host reaches each address of that range through one interface only, so part of one network is unreachable, and policy rules cannot make it unambiguous.",
                builder.ToImmutable(),
                new Remedy(null,
                    $"Put {o.Second.Name} in its own routing domain: a VRF (`ip link add vrf-{o.Second.Name} type vrf table N; ip link set {o.Second.Name} master vrf-{o.Second.Name}`) or a network namespace, or renumber one network. symroute plan refuses this host rather than pretend rules fix it.",
                    null));
        }
    }
}
