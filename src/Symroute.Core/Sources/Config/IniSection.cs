namespace Symroute.Sources.Config;

/// <summary>One <c>[Section]</c> of an INI-style file (NetworkManager keyfile, systemd unit), entries in order with line numbers.</summary>
public sealed record IniSection(string Name, int Line, IReadOnlyList<(string Key, string Value, int Line)> Entries)
{
    /// <summary>The last value of a key (systemd and NM: later assignments win for single-valued keys).</summary>
    public string? Get(string key) => Entries.LastOrDefault(e => e.Key == key).Value;

    /// <summary>Every value of a key, in order (systemd list settings such as <c>Gateway=</c>).</summary>
    public IEnumerable<(string Value, int Line)> All(string key) => Entries.Where(e => e.Key == key).Select(e => (e.Value, e.Line));
}
