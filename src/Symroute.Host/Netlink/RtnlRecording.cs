namespace Symroute.Host.Netlink;

/// <summary>
/// The raw bytes of the six dumps <see cref="RtnlReader"/> makes (messages back to back, as the
/// kernel sent them), for fixtures and offline replay. Saved as <c>NAME.bin</c> files in one directory.
/// </summary>
internal sealed record RtnlRecording(byte[] Links, byte[] Addresses, byte[] Routes4, byte[] Routes6, byte[] Rules4, byte[] Rules6)
{
    private static readonly string[] FileNames = ["links", "addrs", "routes4", "routes6", "rules4", "rules6"];

    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        byte[][] parts = [Links, Addresses, Routes4, Routes6, Rules4, Rules6];
        for (int i = 0; i < parts.Length; i++)
            File.WriteAllBytes(Path.Combine(directory, FileNames[i] + ".bin"), parts[i]);
    }

    public static RtnlRecording Load(string directory)
    {
        byte[] Read(int i) => File.ReadAllBytes(Path.Combine(directory, FileNames[i] + ".bin"));
        return new RtnlRecording(Read(0), Read(1), Read(2), Read(3), Read(4), Read(5));
    }
}
