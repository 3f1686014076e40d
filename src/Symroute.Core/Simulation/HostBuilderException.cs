namespace Symroute.Simulation;

/// <summary>
/// An operation <see cref="HostBuilder"/> refuses because the kernel (or ip) would: the message is
/// what <c>ip</c> prints, e.g. <c>RTNETLINK answers: File exists</c> or
/// <c>Error: Nexthop has invalid gateway.</c>
/// </summary>
public sealed class HostBuilderException : Exception
{
    public HostBuilderException(string message) : base(message) { }
}
