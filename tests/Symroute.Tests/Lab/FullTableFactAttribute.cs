using Xunit;

namespace Symroute.Tests.Lab;

/// <summary>
/// A fact that needs the real Internet table of ../shared/data/full-table-2023 (never copied into
/// the repository); skipped, with the path, where it is missing.
/// </summary>
public sealed class FullTableFactAttribute : FactAttribute
{
    public FullTableFactAttribute()
    {
        if (!File.Exists(FullTableData.Path)) Skip = $"the full-table data {FullTableData.Path} is missing (set SYMROUTE_FULL_TABLE)";
    }
}
