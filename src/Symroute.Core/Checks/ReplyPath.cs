using System.Net;
using Symroute.Model;

namespace Symroute.Checks;

/// <summary>Where the reply from one local address to one client goes, as simulated.</summary>
/// <param name="Address">The local address replying.</param>
/// <param name="Owner">The interface owning it.</param>
/// <param name="Client">The simulated client.</param>
/// <param name="Dev">The output device chosen, or null when the lookup failed.</param>
/// <param name="Gateway">The gateway used, if any.</param>
/// <param name="Error">The kernel error (<c>Network is unreachable</c>), when the lookup failed.</param>
/// <param name="Evidence">The simulated query with its trace.</param>
public sealed record ReplyPath(
    InterfaceAddress Address,
    string Owner,
    IPAddress Client,
    string? Dev,
    IPAddress? Gateway,
    string? Error,
    Evidence Evidence)
{
    /// <summary>The reply leaves by the interface owning the address.</summary>
    public bool Symmetric => Dev == Owner;
}
