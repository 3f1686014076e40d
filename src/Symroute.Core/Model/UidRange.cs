namespace Symroute.Model;

/// <summary>A rule's <c>uidrange START-END</c> selector.</summary>
public readonly record struct UidRange(uint Start, uint End)
{
    public bool Contains(uint uid) => uid >= Start && uid <= End;

    public override string ToString() => $"{Start}-{End}";
}
