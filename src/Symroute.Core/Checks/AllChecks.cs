namespace Symroute.Checks;

/// <summary>The list of every check, in the order the report runs them.</summary>
public static class AllChecks
{
    public static IEnumerable<ICheck> Create() =>
    [
        new AsymmetricReplyCheck(),
        new RpFilterDropCheck(),
        new DnatAsymmetricReplyCheck(),
        new RpFilterLooseCheck(),
        new WildcardUdpServiceCheck(),
        new MultipleDefaultRoutesCheck(),
        new RuleTableEmptyCheck(),
        new TableMissingConnectedRouteCheck(),
        new StaleRuleCheck(),
        new SameSubnetInterfacesCheck(),
        new ArpFluxCheck(),
        new OverlappingSubnetsCheck(),
        new NotPersistentCheck(),
    ];
}
