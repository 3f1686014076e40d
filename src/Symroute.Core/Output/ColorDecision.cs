namespace Symroute.Output;

/// <summary>
/// Whether to colour text output, as iproute2 decides it (lib/color.c): JSON never; a non-empty
/// <c>NO_COLOR</c> turns the default to never (https://no-color.org); <c>auto</c> colours only a
/// terminal that is not <c>TERM=dumb</c>; an explicit <c>--color always</c> is obeyed. The
/// environment comes in as parameters so that tests need no terminal.
/// </summary>
public static class ColorDecision
{
    public static bool Decide(ColorMode? requested, bool json, bool stdoutIsTerminal, string? noColor, string? term)
    {
        if (json) return false;
        var mode = requested ?? (string.IsNullOrEmpty(noColor) ? ColorMode.Auto : ColorMode.Never);
        return mode switch
        {
            ColorMode.Always => true,
            ColorMode.Never => false,
            _ => stdoutIsTerminal && string.IsNullOrEmpty(noColor) && term != "dumb",
        };
    }

    public static bool TryParse(string text, out ColorMode mode)
    {
        switch (text)
        {
            case "auto": mode = ColorMode.Auto; return true;
            case "always": mode = ColorMode.Always; return true;
            case "never": mode = ColorMode.Never; return true;
            default: mode = ColorMode.Auto; return false;
        }
    }
}
