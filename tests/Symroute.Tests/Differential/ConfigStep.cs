namespace Symroute.Tests.Differential;

/// <summary>
/// One command of a generated configuration. <see cref="Text"/> is an <c>ip</c> batch line (without
/// the leading <c>ip</c>) or a sysctl assignment; <c>{peer}</c> stands for the peer namespace's name.
/// </summary>
public sealed record ConfigStep(StepTarget Target, string Text)
{
    /// <summary>The command as an administrator would type it (namespaces named H and P).</summary>
    public string ToShell() => (Target switch
    {
        StepTarget.HostIp => $"ip -n H {Text}",
        StepTarget.HostIp4 => $"ip -n H -4 {Text}",
        StepTarget.HostIp6 => $"ip -n H -6 {Text}",
        StepTarget.PeerIp => $"ip -n P {Text}",
        StepTarget.Sysctl => $"ip netns exec H sysctl -w {Text}",
        _ => Text,
    }).Replace("{peer}", "P", StringComparison.Ordinal);
}
