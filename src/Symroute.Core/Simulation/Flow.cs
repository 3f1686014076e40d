namespace Symroute.Simulation;

/// <summary>
/// The flow key of one lookup (flowi4 / flowi6): what rule selectors and tables see. Addresses
/// are <see cref="UInt128"/> (IPv4 in the low 32 bits); devices are simulator link ids, -1 for none.
/// </summary>
internal struct Flow
{
    public UInt128 Dst;
    public UInt128 Src;
    public int Iif;
    public int Oif;
    public uint Mark;
    public byte Tos;
    public byte Proto;
    public ushort SPort;
    public ushort DPort;
    public uint Uid;
}
