using System.Text;

namespace Symroute.Host.Native;

/// <summary>uname(2): the kernel release when /proc is not there to ask.</summary>
internal static unsafe class Uname
{
    // struct utsname on Linux: six fields of _UTSNAME_LENGTH (65) bytes: sysname, nodename, release, …
    private const int FieldLength = 65;

    public static string? Release()
    {
        byte* buf = stackalloc byte[FieldLength * 6];
        if (LibC.Uname(buf) != 0)
            return null;
        var release = new ReadOnlySpan<byte>(buf + 2 * FieldLength, FieldLength);
        int nul = release.IndexOf((byte)0);
        return Encoding.ASCII.GetString(nul >= 0 ? release[..nul] : release);
    }
}
