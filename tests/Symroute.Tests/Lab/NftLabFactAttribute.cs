using Xunit;

namespace Symroute.Tests.Lab;

/// <summary>A namespace lab fact that also needs the <c>nft</c> binary (installed by .ci/run); skipped, not failed, without.</summary>
public sealed class NftLabFactAttribute : FactAttribute
{
    public NftLabFactAttribute()
    {
        if (!Netns.Available) Skip = "needs root and iproute2 to create network namespaces";
        else if (!File.Exists("/usr/sbin/nft") && !File.Exists("/sbin/nft")) Skip = "needs nftables (nft) for the firewall namespace";
    }
}
