namespace Symroute.Sources;

/// <summary>A whitespace-separated word of a line and its 1-based column.</summary>
internal readonly record struct TextToken(string Text, int Column);
