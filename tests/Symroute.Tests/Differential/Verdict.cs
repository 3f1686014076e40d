namespace Symroute.Tests.Differential;

/// <summary>How a simulator answer compares with the kernel's.</summary>
public enum Verdict
{
    /// <summary>Every compared field equal.</summary>
    Agree,
    /// <summary>Multipath route chosen by the kernel's flow hash: the simulator picked another alive nexthop of the same entry.</summary>
    EcmpAgree,
    /// <summary>Differs in a way listed in <see cref="KnownDifferences"/>.</summary>
    Known,
    /// <summary>A real disagreement.</summary>
    Disagree,
}
