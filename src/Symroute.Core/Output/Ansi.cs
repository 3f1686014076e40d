namespace Symroute.Output;

/// <summary>ANSI SGR sequences for the few styles the text report uses; identity when colour is off.</summary>
public sealed class Ansi
{
    private readonly bool _on;

    public Ansi(bool on) => _on = on;

    public string Bold(string s) => Wrap("1", s);
    public string Red(string s) => Wrap("1;31", s);
    public string Yellow(string s) => Wrap("1;33", s);
    public string Cyan(string s) => Wrap("36", s);
    public string Green(string s) => Wrap("1;32", s);
    public string Dim(string s) => Wrap("2", s);

    private string Wrap(string code, string s) => _on ? $"\u001b[{code}m{s}\u001b[0m" : s;
}
