namespace Symroute.Sources.Config;

/// <summary>A block or flow mapping, keys in file order.</summary>
public sealed record YamlMapping(IReadOnlyList<KeyValuePair<string, YamlNode>> Entries, int Line, int Column) : YamlNode(Line, Column)
{
    public YamlNode? this[string key] => Entries.LastOrDefault(e => e.Key == key).Value;

    public string? Scalar(string key) => this[key] is YamlScalar s ? s.Value : null;
}
