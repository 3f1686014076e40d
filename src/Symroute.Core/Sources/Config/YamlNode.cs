namespace Symroute.Sources.Config;

/// <summary>A node of the small YAML subset network configuration files use (block and flow mappings and sequences, scalars).</summary>
/// <param name="Line">1-based line where the node starts, for error messages.</param>
public abstract record YamlNode(int Line, int Column);
