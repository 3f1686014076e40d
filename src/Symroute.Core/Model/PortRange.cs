namespace Symroute.Model;

/// <summary>A rule's <c>sport</c>/<c>dport</c> selector: a range <c>Start-End</c> (equal for one port).</summary>
public readonly record struct PortRange(ushort Start, ushort End)
{
    public bool Contains(ushort port) => port >= Start && port <= End;

    public override string ToString() => Start == End ? Start.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{Start}-{End}";
}
