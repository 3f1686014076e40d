namespace Symroute.Sources.Config;

/// <summary>A scalar; <see cref="Value"/> is null for an empty value or <c>null</c>/<c>~</c>.</summary>
public sealed record YamlScalar(string? Value, int Line, int Column) : YamlNode(Line, Column);
