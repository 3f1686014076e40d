using System.Collections.Immutable;

namespace Symroute.Host.Persistence;

/// <summary>What <see cref="ConfigPersister.Persist"/> did, one entry per rendered file, in the order given.</summary>
public sealed record PersistResult(ImmutableArray<PersistedFile> Files)
{
    /// <summary>Whether any file was written (false: everything was already in place, nothing was touched).</summary>
    public bool Changed => Files.Any(f => f.Changed);

    /// <summary>The files that were written.</summary>
    public IEnumerable<PersistedFile> Written => Files.Where(f => f.Changed);
}
