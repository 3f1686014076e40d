namespace Symroute.Output;

/// <summary><c>--color auto|always|never</c>.</summary>
public enum ColorMode
{
    Auto,
    Always,
    Never,
}
