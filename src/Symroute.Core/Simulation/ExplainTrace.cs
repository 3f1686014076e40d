namespace Symroute.Simulation;

/// <summary>
/// Collects the steps of one decision when passed to a <see cref="Simulator"/> method. Passing
/// null instead costs nothing: the simulator builds no step and no string then.
/// </summary>
public sealed class ExplainTrace
{
    private readonly List<ExplainStep> _steps = new();

    /// <summary>Added to the depth of every step while a nested walk (the reverse-path lookup) runs.</summary>
    internal int Indent { get; set; }

    public IReadOnlyList<ExplainStep> Steps => _steps;

    public void Add(ExplainStep step) =>
        _steps.Add(Indent == 0 ? step : step with { Depth = step.Depth + Indent });

    // The flow's few addresses appear in many steps (every table consulted names the destination):
    // their text is made once per trace.
    private readonly (UInt128 Bits, bool V6, string Text)[] _addresses = new (UInt128, bool, string)[4];
    private int _nextAddress;

    /// <summary>The text of an IPv4 address (<c>uint</c> in network bit order), remembered for the next steps.</summary>
    internal string Address4(uint a) => AddressText(a, false);

    /// <summary>The text of an IPv6 address, remembered for the next steps.</summary>
    internal string Address6(UInt128 a) => AddressText(a, true);

    private string AddressText(UInt128 a, bool v6)
    {
        foreach (var (bits, isV6, text) in _addresses)
            if (text is not null && bits == a && isV6 == v6)
                return text;
        string made = v6 ? AddressBits.ToAddress6(a).ToString() : AddressBits.ToAddress4((uint)a).ToString();
        _addresses[_nextAddress] = (a, v6, made);
        _nextAddress = (_nextAddress + 1) % _addresses.Length;
        return made;
    }

    internal void Add(ExplainStepKind kind, int depth, string text, string? outcome = null) =>
        _steps.Add(new ExplainStep(kind, depth + Indent, text, outcome));
}
