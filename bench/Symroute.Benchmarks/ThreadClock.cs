using System.Runtime.InteropServices;

namespace Symroute.Benchmarks;

/// <summary>
/// CPU time of the calling thread (clock_gettime CLOCK_THREAD_CPUTIME_ID): on a 2-core machine
/// shared with other work, wall time counts the time other processes ran; this does not.
/// </summary>
public static partial class ThreadClock
{
    private const int ClockThreadCpuTime = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGettime(int clock, out Timespec time);

    public static double Seconds
    {
        get
        {
            ClockGettime(ClockThreadCpuTime, out var t);
            return t.Seconds + t.Nanoseconds * 1e-9;
        }
    }
}
