using Xunit;

namespace Symroute.Tests.Lab;

/// <summary>A fact that needs root and network namespaces; skipped (not failed) elsewhere.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!Netns.Available) Skip = "needs root and iproute2 to create network namespaces";
    }
}
