using Xunit;

namespace Symroute.Tests.Lab;

/// <summary>A fact that needs root and namespaces (as <see cref="RootFactAttribute"/>) and the real Internet table (as <see cref="FullTableFactAttribute"/>).</summary>
public sealed class FullTableRootFactAttribute : FactAttribute
{
    public FullTableRootFactAttribute()
    {
        if (!Netns.Available) Skip = "needs root and iproute2 to create network namespaces";
        else if (!File.Exists(FullTableData.Path)) Skip = $"the full-table data {FullTableData.Path} is missing (set SYMROUTE_FULL_TABLE)";
    }
}
