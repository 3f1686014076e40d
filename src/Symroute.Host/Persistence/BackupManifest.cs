using System.Collections.Immutable;
using System.Text.Json;
using Symroute.Host.Files;

namespace Symroute.Host.Persistence;

/// <summary>
/// <c>BACKUPDIR/manifest.json</c>: for every path symroute has written under a root, what was
/// there before (the first time only: a later persist into the same backup directory keeps the
/// original), and the directories it created. Written by hand with Utf8JsonWriter (Native AOT).
/// </summary>
/// <param name="Root">The root directory the paths are relative to (absolute).</param>
/// <param name="Entries">In the order first written.</param>
/// <param name="Directories">Directories symroute created below the root, parents first; removed on restore when empty.</param>
public sealed record BackupManifest(string Root, ImmutableArray<BackupEntry> Entries, ImmutableArray<string> Directories)
{
    public const string FileName = "manifest.json";
    public const string FilesDir = "files";

    public BackupEntry? Find(string path) => Entries.FirstOrDefault(e => e.Path == path);

    /// <summary>The manifest in <paramref name="backupDir"/>, or null when there is none.</summary>
    public static BackupManifest? Load(string backupDir)
    {
        string path = Path.Combine(backupDir, FileName);
        if (!File.Exists(path))
            return null;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var r = doc.RootElement;
            if (r.GetProperty("version").GetInt32() != 1)
                throw new PersistException($"{path}: unknown manifest version");
            var entries = ImmutableArray.CreateBuilder<BackupEntry>();
            foreach (var e in r.GetProperty("files").EnumerateArray())
            {
                bool existed = e.GetProperty("existed").GetBoolean();
                entries.Add(new BackupEntry(
                    e.GetProperty("path").GetString()!,
                    existed,
                    existed ? e.GetProperty("backup").GetString() : null,
                    existed ? (UnixFileMode)Convert.ToInt32(e.GetProperty("mode").GetString(), 8) : null,
                    existed ? e.GetProperty("uid").GetUInt32() : null,
                    existed ? e.GetProperty("gid").GetUInt32() : null,
                    existed ? e.GetProperty("sha256").GetString() : null));
            }
            var dirs = r.GetProperty("directories").EnumerateArray().Select(d => d.GetString()!).ToImmutableArray();
            return new BackupManifest(r.GetProperty("root").GetString()!, entries.ToImmutable(), dirs);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new PersistException($"{path}: not a symroute backup manifest ({e.Message})", e);
        }
    }

    /// <summary>Writes the manifest atomically into <paramref name="backupDir"/> (0600: it names the host's files).</summary>
    public void Save(string backupDir)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("version", 1);
            w.WriteString("root", Root);
            w.WriteStartArray("files");
            foreach (var e in Entries)
            {
                w.WriteStartObject();
                w.WriteString("path", e.Path);
                w.WriteBoolean("existed", e.Existed);
                if (e.Existed)
                {
                    w.WriteString("backup", e.Backup);
                    w.WriteString("mode", Octal(e.Mode!.Value));
                    w.WriteNumber("uid", e.Uid!.Value);
                    w.WriteNumber("gid", e.Gid!.Value);
                    w.WriteString("sha256", e.Sha256);
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("directories");
            foreach (var d in Directories)
                w.WriteStringValue(d);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        ms.WriteByte((byte)'\n');
        RootFileWriter.Write(backupDir, FileName, ms.ToArray(), Symroute.Backends.RenderedFile.Mode0600, null);
    }

    internal static string Hex(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

    internal static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');
}
