namespace Symroute.Sources.Config;

/// <summary>A block or flow sequence.</summary>
public sealed record YamlSequence(IReadOnlyList<YamlNode> Items, int Line, int Column) : YamlNode(Line, Column);
