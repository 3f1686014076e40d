namespace Symroute.Host.Persistence;

/// <summary>One rendered file as persisted.</summary>
/// <param name="Path">Relative to the root (<c>etc/netplan/90-symroute.yaml</c>).</param>
/// <param name="Existed">Whether a file was there before this persist.</param>
/// <param name="Changed">Whether it was written (false: contents and mode were already right).</param>
/// <param name="BackupPath">The absolute path of the copy of the original that <see cref="ConfigPersister.Restore"/> puts back;
/// null when there was no original (restore deletes the file) or nothing changed and no earlier backup exists.</param>
public sealed record PersistedFile(string Path, bool Existed, bool Changed, string? BackupPath);
