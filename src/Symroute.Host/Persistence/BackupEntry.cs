namespace Symroute.Host.Persistence;

/// <summary>One path in a backup manifest: what was there before symroute first wrote it.</summary>
/// <param name="Path">Relative to the root.</param>
/// <param name="Existed">False: the file did not exist, and restoring deletes it.</param>
/// <param name="Backup">The copy of the original, relative to the backup directory (<c>files/etc/…</c>); null when it did not exist.</param>
/// <param name="Mode">The original's permission bits.</param>
/// <param name="Uid">The original's owner.</param>
/// <param name="Gid">The original's group.</param>
/// <param name="Sha256">Hex SHA-256 of the original, checked before it is put back.</param>
public sealed record BackupEntry(string Path, bool Existed, string? Backup, UnixFileMode? Mode, uint? Uid, uint? Gid, string? Sha256);
